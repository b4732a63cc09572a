// AWS Signature Version 4 for non-S3 services, as botocore's SigV4Auth signs: the path is
// normalised, the payload hash is computed over the body but no x-amz-content-sha256 header is
// added, and a session token is signed (X-Amz-Security-Token).
//
// Contract: sign_request() adds Host (from the URL, port kept when not the scheme's default),
// X-Amz-Date, X-Amz-Security-Token (when the credentials carry one) and Authorization to the
// request. It is a pure function of its inputs. SigningDebug holds the canonical request and the
// string to sign for tests and --debug; neither contains the secret key (the signature does not
// reveal it either, but is still kept out of logs).
#pragma once

#include <chrono>
#include <string>

#include "aws/credentials.h"
#include "core/error.h"
#include "net/http.h"

namespace eec::aws {

struct SigningScope {
  std::string region;   // e.g. "us-east-1"; IAM signs for its partition's global region
  std::string service;  // the signing name: "ecs", "sts", "iam", "ec2", "kms", ...
};

struct SigningDebug {
  std::string canonical_request;
  std::string string_to_sign;
  std::string signature;  // hex
};

[[nodiscard]] core::Result<SigningDebug> sign_request(net::HttpRequest& request,
                                                      const Credentials& credentials,
                                                      const SigningScope& scope,
                                                      std::chrono::system_clock::time_point now);

}  // namespace eec::aws
