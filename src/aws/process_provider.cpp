// credential_process: the profile's command, split like shell words and run without a shell; its
// standard output is JSON {"Version": 1, "AccessKeyId", "SecretAccessKey", "SessionToken"?,
// "Expiration"?}. Standard output holds secrets and is never shown; on failure the exit status and
// standard error are.
#include <nlohmann/json.hpp>

#include "aws/credential_providers.h"
#include "aws/credential_time.h"
#include "aws/shell_words.h"

namespace eec::aws::detail {
namespace {

constexpr std::size_t kStderrShown = 2000;

std::string trimmed(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ')) {
    text.pop_back();
  }
  if (text.size() > kStderrShown) text = text.substr(0, kStderrShown) + "...";
  return text;
}

}  // namespace

Outcome from_process(const Chain& chain, const std::string& profile) {
  const Setting* command = chain.config.find(profile, "credential_process");
  if (command == nullptr) return not_found();
  const std::string context =
      "credential_process of profile \"" + profile + "\" (" + where(*command) + ")";
  auto fail = [&](core::ErrorKind kind, std::string message) -> Outcome {
    return std::unexpected(core::Error{kind, context + ": " + message, {}, {}, {}, 0});
  };
  auto argv = split_shell_words(command->value);
  if (!argv)
    return fail(core::ErrorKind::config, "cannot split the command line: " + argv.error().message);
  if (argv->empty()) return fail(core::ErrorKind::config, "the command is empty");

  auto result = chain.seams.processes.run(*argv, chain.request.process_timeout);
  if (!result) return with_context(result.error(), context);
  if (result->exit_status != 0) {
    std::string err = trimmed(result->err);
    return fail(
        core::ErrorKind::auth,
        "'" + (*argv)[0] + "' exited with status " + std::to_string(result->exit_status) +
            (err.empty() ? std::string(" and wrote nothing to standard error") : ": " + err));
  }
  auto json = nlohmann::json::parse(result->out, nullptr, /*allow_exceptions=*/false);
  if (!json.is_object()) {
    return fail(core::ErrorKind::parse,
                "its output is not a JSON object (the output is not shown: it may hold secrets)");
  }
  auto version = json.find("Version");
  if (version == json.end() || !version->is_number() || version->get<double>() != 1.0) {
    std::string shown = version == json.end()     ? "<Version key not provided>"
                        : version->is_primitive() ? version->dump()
                                                  : "<not a number>";
    return fail(core::ErrorKind::parse, "Unsupported version '" + shown +
                                            "' for credential process provider, supported "
                                            "versions: 1");
  }
  for (const char* key : {"AccessKeyId", "SecretAccessKey"}) {
    if (!json.contains(key) || !json[key].is_string()) {
      return fail(core::ErrorKind::parse, std::string("missing required key in response: ") + key);
    }
  }
  Credentials credentials{
      json["AccessKeyId"].get<std::string>(), json["SecretAccessKey"].get<std::string>(), {}, {}};
  if (auto token = json.find("SessionToken"); token != json.end() && token->is_string()) {
    credentials.session_token = token->get<std::string>();
  }
  if (auto expiration = json.find("Expiration");
      expiration != json.end() && expiration->is_string()) {
    auto parsed = parse_credential_time(expiration->get<std::string>());
    if (!parsed) return with_context(parsed.error(), context + ": Expiration");
    credentials.expiration = *parsed;
  }
  chain.debug("credentials: process: '" + (*argv)[0] + "' of profile \"" + profile +
              "\" gave access key " + credentials.access_key_id);
  return found(ResolvedCredentials{std::move(credentials), "process", profile});
}

}  // namespace eec::aws::detail
