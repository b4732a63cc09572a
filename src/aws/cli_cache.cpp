#include "aws/cli_cache.h"

#include <openssl/evp.h>

#include <map>
#include <nlohmann/json.hpp>

#include "aws/config_paths.h"
#include "aws/credential_time.h"

namespace eec::aws {
namespace {

// A JSON string as Python's json.dumps writes it (ASCII only, \uXXXX escapes).
std::string python_json_string(std::string_view text) {
  return nlohmann::json(std::string(text)).dump(-1, ' ', /*ensure_ascii=*/true);
}

// json.dumps(sort_keys=True) of a flat object whose values are strings or integers, with the
// given separators.
std::string python_json_object(const std::map<std::string, std::string>& encoded_values,
                               std::string_view item_separator, std::string_view key_separator) {
  std::string out = "{";
  bool first = true;
  for (const auto& [key, value] : encoded_values) {
    if (!first) out += item_separator;
    first = false;
    out += python_json_string(key);
    out += key_separator;
    out += value;
  }
  return out + "}";
}

}  // namespace

std::string sha1_hex(std::string_view text) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(text.data(), text.size(), digest, &length, EVP_sha1(), nullptr);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < length; ++i) {
    out += kHex[digest[i] >> 4];
    out += kHex[digest[i] & 0x0F];
  }
  return out;
}

std::string cli_cache_directory(const core::Environment& env) {
  return home_directory(env) + "/.aws/cli/cache";
}

std::string assume_role_cache_key(const AssumeRoleCacheArgs& args) {
  std::map<std::string, std::string> values{{"RoleArn", python_json_string(args.role_arn)}};
  if (args.role_session_name) {
    values["RoleSessionName"] = python_json_string(*args.role_session_name);
  }
  if (args.external_id) values["ExternalId"] = python_json_string(*args.external_id);
  if (args.serial_number) values["SerialNumber"] = python_json_string(*args.serial_number);
  if (args.duration_seconds) values["DurationSeconds"] = std::to_string(*args.duration_seconds);
  return sha1_hex(python_json_object(values, ", ", ": "));
}

std::string web_identity_cache_key(std::string_view role_arn,
                                   const std::optional<std::string>& session_name) {
  std::map<std::string, std::string> values{{"RoleArn", python_json_string(role_arn)}};
  if (session_name) values["RoleSessionName"] = python_json_string(*session_name);
  return sha1_hex(python_json_object(values, ", ", ": "));
}

std::string sso_role_cache_key(std::string_view role_name, std::string_view account_id,
                               const std::optional<std::string>& session_name,
                               std::string_view start_url) {
  std::map<std::string, std::string> values{{"roleName", python_json_string(role_name)},
                                            {"accountId", python_json_string(account_id)}};
  if (session_name) {
    values["sessionName"] = python_json_string(*session_name);
  } else {
    values["startUrl"] = python_json_string(start_url);
  }
  return sha1_hex(python_json_object(values, ",", ":"));
}

std::optional<Credentials> read_cached_credentials(const FileSystem& files, const std::string& path,
                                                   std::chrono::system_clock::time_point now) {
  auto contents = files.read_file(path);
  if (!contents || !*contents) return std::nullopt;
  auto entry = nlohmann::json::parse(**contents, nullptr, /*allow_exceptions=*/false);
  if (!entry.is_object() || !entry.contains("Credentials") || !entry["Credentials"].is_object()) {
    return std::nullopt;
  }
  const auto& cached = entry["Credentials"];
  for (const char* key : {"AccessKeyId", "SecretAccessKey", "SessionToken", "Expiration"}) {
    if (!cached.contains(key) || !cached[key].is_string()) return std::nullopt;
  }
  auto expiration = parse_credential_time(cached["Expiration"].get<std::string>());
  // botocore's CachedCredentialFetcher: less than 15 minutes left counts as expired.
  if (!expiration || *expiration - now < std::chrono::minutes(15)) return std::nullopt;
  return Credentials{cached["AccessKeyId"].get<std::string>(),
                     cached["SecretAccessKey"].get<std::string>(),
                     cached["SessionToken"].get<std::string>(), *expiration};
}

core::Result<void> write_cached_credentials(FileSystem& files, const std::string& path,
                                            const Credentials& credentials,
                                            std::string_view provider_type) {
  nlohmann::json entry;
  if (!provider_type.empty()) entry["ProviderType"] = std::string(provider_type);
  entry["Credentials"] = {
      {"AccessKeyId", credentials.access_key_id},
      {"SecretAccessKey", credentials.secret_access_key},
      {"SessionToken", credentials.session_token},
      {"Expiration", credentials.expiration ? format_rfc3339(*credentials.expiration) : ""}};
  return files.write_file(path, entry.dump());
}

}  // namespace eec::aws
