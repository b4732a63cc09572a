// What EC2 and KMS describe: subnets, VPC endpoints, instances, keys.
#pragma once

#include <string>
#include <vector>

namespace eec::model {

struct Subnet {
  std::string subnet_id;
  std::string vpc_id;
  std::string owner_id;
  std::string availability_zone;
  std::string state;  // available, pending
};

struct VpcEndpoint {
  std::string id;
  std::string vpc_id;
  std::string service_name;  // com.amazonaws.REGION.ssmmessages
  std::string type;          // Interface, Gateway, GatewayLoadBalancer
  std::string state;         // available, pending, ...
  bool private_dns_enabled = false;
  std::vector<std::string> subnet_ids;
};

struct Instance {
  std::string instance_id;
  std::string iam_instance_profile_arn;  // IamInstanceProfile.Arn
  std::string subnet_id;
  std::string vpc_id;
  std::string state;  // instanceState.name: pending, running, stopped, ...
};

struct KeyMetadata {
  std::string key_id;
  std::string arn;
  std::string key_state;  // Enabled, Disabled, PendingDeletion, ...
  bool enabled = false;
  std::string key_manager;  // AWS, CUSTOMER
};

}  // namespace eec::model
