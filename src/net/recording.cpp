#include "net/recording.h"

#include <array>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <system_error>

namespace eec::net {
namespace {

using core::ErrorKind;
using nlohmann::json;

constexpr int kVersion = 1;

constexpr std::array<ErrorKind, 10> kAllKinds = {
    ErrorKind::network,   ErrorKind::timeout, ErrorKind::auth,   ErrorKind::throttled,
    ErrorKind::not_found, ErrorKind::client,  ErrorKind::server, ErrorKind::parse,
    ErrorKind::config,    ErrorKind::internal};

json headers_to_json(const Headers& headers) {
  json out = json::array();
  for (const auto& [name, value] : headers) out.push_back(json::array({name, value}));
  return out;
}

std::unexpected<core::Error> bad(std::size_t index, const std::string& what) {
  return core::make_error(ErrorKind::parse,
                          "recording: interaction " + std::to_string(index) + ": " + what);
}

// Reads optional "headers" and "body" of a request or response object.
core::Result<void> read_common(const json& object, std::size_t index, Headers& headers,
                               std::string& body) {
  if (auto it = object.find("headers"); it != object.end()) {
    if (!it->is_array()) return bad(index, "\"headers\" is not an array");
    for (const json& pair : *it) {
      if (!pair.is_array() || pair.size() != 2 || !pair[0].is_string() || !pair[1].is_string()) {
        return bad(index, "a header is not a [name, value] pair of strings");
      }
      headers.emplace_back(pair[0].get<std::string>(), pair[1].get<std::string>());
    }
  }
  if (auto it = object.find("body"); it != object.end()) {
    if (it->is_string()) {
      body = it->get<std::string>();
    } else if (it->is_object() || it->is_array()) {
      body = it->dump();
    } else {
      return bad(index, "\"body\" is neither a string nor a JSON object or array");
    }
  }
  return {};
}

core::Result<Interaction> read_interaction(const json& item, std::size_t index) {
  if (!item.is_object()) return bad(index, "not an object");
  Interaction interaction;

  auto request = item.find("request");
  if (request == item.end() || !request->is_object()) return bad(index, "no \"request\" object");
  if (auto it = request->find("method"); it != request->end()) {
    if (!it->is_string()) return bad(index, "\"method\" is not a string");
    interaction.request.method = it->get<std::string>();
  }
  auto url = request->find("url");
  if (url == request->end() || !url->is_string()) return bad(index, "no \"url\" string");
  interaction.request.url = url->get<std::string>();
  if (auto ok = read_common(*request, index, interaction.request.headers, interaction.request.body);
      !ok) {
    return std::unexpected(ok.error());
  }

  auto response = item.find("response");
  auto error = item.find("error");
  if ((response == item.end()) == (error == item.end())) {
    return bad(index, "needs exactly one of \"response\" and \"error\"");
  }
  if (response != item.end()) {
    if (!response->is_object()) return bad(index, "\"response\" is not an object");
    HttpResponse out;
    out.status = 200;
    if (auto it = response->find("status"); it != response->end()) {
      if (!it->is_number_integer()) return bad(index, "\"status\" is not an integer");
      out.status = it->get<int>();
    }
    if (auto ok = read_common(*response, index, out.headers, out.body); !ok) {
      return std::unexpected(ok.error());
    }
    interaction.outcome = std::move(out);
    return interaction;
  }

  if (!error->is_object()) return bad(index, "\"error\" is not an object");
  auto kind = error->find("kind");
  if (kind == error->end() || !kind->is_string()) return bad(index, "\"error\" has no \"kind\"");
  const std::string kind_name = kind->get<std::string>();
  core::Error out;
  bool known = false;
  for (ErrorKind candidate : kAllKinds) {
    if (core::to_string(candidate) == kind_name) {
      out.kind = candidate;
      known = true;
    }
  }
  if (!known) return bad(index, "unknown error kind \"" + kind_name + "\"");
  if (auto it = error->find("message"); it != error->end() && it->is_string()) {
    out.message = it->get<std::string>();
  }
  interaction.outcome = std::unexpected(std::move(out));
  return interaction;
}

}  // namespace

std::string recording_to_json(const std::vector<Interaction>& interactions) {
  json items = json::array();
  for (const Interaction& interaction : interactions) {
    const HttpRequest& request = interaction.request;
    json item = json::object();
    item["request"] = {{"method", request.method},
                       {"url", request.url},
                       {"headers", headers_to_json(request.headers)},
                       {"body", request.body}};
    if (interaction.outcome) {
      const HttpResponse& response = *interaction.outcome;
      item["response"] = {{"status", response.status},
                          {"headers", headers_to_json(response.headers)},
                          {"body", response.body}};
    } else {
      item["error"] = {{"kind", std::string(core::to_string(interaction.outcome.error().kind))},
                       {"message", interaction.outcome.error().message}};
    }
    items.push_back(std::move(item));
  }
  const json document = {{"version", kVersion}, {"interactions", std::move(items)}};
  // Bodies are text in practice; a stray invalid UTF-8 byte becomes U+FFFD instead of throwing.
  return document.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

core::Result<std::vector<Interaction>> recording_from_json(std::string_view text) {
  const json document = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (document.is_discarded() || !document.is_object()) {
    return core::make_error(ErrorKind::parse, "recording: not a JSON object");
  }
  auto version = document.find("version");
  if (version == document.end() || !version->is_number_integer() ||
      version->get<int>() != kVersion) {
    return core::make_error(ErrorKind::parse, "recording: \"version\" is not 1");
  }
  auto items = document.find("interactions");
  if (items == document.end() || !items->is_array()) {
    return core::make_error(ErrorKind::parse, "recording: no \"interactions\" array");
  }
  std::vector<Interaction> out;
  out.reserve(items->size());
  for (std::size_t i = 0; i < items->size(); ++i) {
    auto interaction = read_interaction((*items)[i], i);
    if (!interaction) return std::unexpected(interaction.error());
    out.push_back(std::move(*interaction));
  }
  return out;
}

core::Result<std::vector<Interaction>> load_recording(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return core::make_error(ErrorKind::config, "cannot read recording " + path.string());
  }
  std::ostringstream text;
  text << in.rdbuf();
  auto interactions = recording_from_json(text.str());
  if (!interactions) {
    core::Error error = interactions.error();
    error.message = path.string() + ": " + error.message;
    return std::unexpected(std::move(error));
  }
  return interactions;
}

core::Result<void> save_recording(const std::filesystem::path& path,
                                  const std::vector<Interaction>& interactions) {
  const std::string text = recording_to_json(interactions);
  std::filesystem::path temporary = path;
  temporary += ".tmp";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out << text;
    out.flush();
    if (!out) {
      return core::make_error(ErrorKind::config, "cannot write recording " + temporary.string());
    }
  }
  std::error_code ec;
  std::filesystem::rename(temporary, path, ec);
  if (ec) {
    const std::string reason = ec.message();
    std::filesystem::remove(temporary, ec);
    return core::make_error(ErrorKind::config,
                            "cannot write recording " + path.string() + ": " + reason);
  }
  return {};
}

}  // namespace eec::net
