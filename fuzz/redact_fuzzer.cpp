// Secret redaction (net/redact.h) on two kinds of input, chosen by byte 0:
//   even: the rest as a raw body. redact_body() never crashes, is idempotent, and keeps a body
//         that parsed as JSON or XML parseable.
//   odd:  a well-formed JSON, XML or form body generated from the rest, with a canary secret
//         planted as the value of secret-named fields (any spelling is_secret_name accepts, any
//         depth, CDATA, nested values). The canary never survives redact_body(), and the
//         redacted body still parses.
#include <fuzzer/FuzzedDataProvider.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <pugixml.hpp>
#include <sstream>
#include <string>
#include <string_view>

#include "fuzz_check.h"
#include "net/redact.h"

namespace {

constexpr std::string_view kCanary = "CANARY";

constexpr std::array<std::string_view, 16> kSecretNames = {"SecretAccessKey",
                                                           "SessionToken",
                                                           "secretAccessKey",
                                                           "sessionToken",
                                                           "Token",
                                                           "TokenCode",
                                                           "Password",
                                                           "SAMLAssertion",
                                                           "WebIdentityToken",
                                                           "ClientSecret",
                                                           "accessToken",
                                                           "refreshToken",
                                                           "X-Amz-Security-Token",
                                                           "x_amz_signature",
                                                           "authorizationToken",
                                                           "Credentials.SessionToken"};

// Fuzz text with every occurrence of the canary defused, so only planted secrets carry it.
std::string defuse(std::string text) {
  for (std::size_t at = text.find(kCanary); at != std::string::npos; at = text.find(kCanary, at)) {
    text[at] = 'c';
  }
  return text;
}

std::string fuzz_text(FuzzedDataProvider& in, std::size_t max = 24) {
  return defuse(in.ConsumeRandomLengthString(max));
}

std::string secret_name(FuzzedDataProvider& in) {
  std::string name(
      kSecretNames[in.ConsumeIntegralInRange<std::size_t>(0, kSecretNames.size() - 1)]);
  // Spellings is_secret_name must treat alike: case and the separators it ignores.
  const auto variant = in.ConsumeIntegralInRange<int>(0, 3);
  if (variant == 1) {
    for (char& c : name) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  } else if (variant == 2) {
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  } else if (variant == 3) {
    name.insert(name.size() / 2, "_");
  }
  return name;
}

std::string canary_value(FuzzedDataProvider& in) {
  return fuzz_text(in, 8) + std::string(kCanary) + fuzz_text(in, 8);
}

// ---- JSON -------------------------------------------------------------------------------------

nlohmann::json json_value(FuzzedDataProvider& in, int depth, int& planted);

nlohmann::json json_secret_value(FuzzedDataProvider& in, int depth, int& planted) {
  ++planted;
  switch (in.ConsumeIntegralInRange<int>(0, 2)) {
    case 0:
      return canary_value(in);
    case 1:
      return nlohmann::json::array({json_value(in, depth + 1, planted), canary_value(in)});
    default:
      return nlohmann::json::object(
          {{fuzz_text(in), canary_value(in)}, {fuzz_text(in), json_value(in, depth + 1, planted)}});
  }
}

nlohmann::json json_object(FuzzedDataProvider& in, int depth, int& planted) {
  nlohmann::json object = nlohmann::json::object();
  const auto members = in.ConsumeIntegralInRange<int>(0, depth > 3 ? 1 : 4);
  for (int m = 0; m < members; ++m) {
    if (in.ConsumeBool()) {
      object[secret_name(in)] = json_secret_value(in, depth, planted);
    } else {
      object[fuzz_text(in)] = json_value(in, depth + 1, planted);
    }
  }
  return object;
}

nlohmann::json json_value(FuzzedDataProvider& in, int depth, int& planted) {
  switch (in.ConsumeIntegralInRange<int>(0, depth > 4 ? 3 : 5)) {
    case 0:
      return fuzz_text(in);
    case 1:
      return in.ConsumeIntegral<std::int64_t>();
    case 2:
      return in.ConsumeBool();
    case 3:
      return nullptr;
    case 4: {
      nlohmann::json array = nlohmann::json::array();
      const auto items = in.ConsumeIntegralInRange<int>(0, 3);
      for (int i = 0; i < items; ++i) array.push_back(json_value(in, depth + 1, planted));
      return array;
    }
    default:
      return json_object(in, depth + 1, planted);
  }
}

std::string generate_json(FuzzedDataProvider& in, int& planted) {
  nlohmann::json root = json_object(in, 0, planted);
  if (planted == 0) root[secret_name(in)] = json_secret_value(in, 0, planted);
  const int indent = in.ConsumeIntegralInRange<int>(-1, 2);
  const bool ascii = in.ConsumeBool();
  const std::string text = root.dump(indent, ' ', ascii, nlohmann::json::error_handler_t::replace);
  if (in.ConsumeBool()) return text;
  return nlohmann::json::array({root}).dump(indent, ' ', ascii,
                                            nlohmann::json::error_handler_t::replace);
}

// ---- XML --------------------------------------------------------------------------------------

std::string xml_name(FuzzedDataProvider& in) {
  std::string name = "e";
  for (char c : fuzz_text(in, 12)) {
    if (std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '-' || c == '.') {
      name.push_back(c);
    }
  }
  return defuse(name);
}

void xml_children(FuzzedDataProvider& in, pugi::xml_node parent, int depth, int& planted);

void xml_secret(FuzzedDataProvider& in, pugi::xml_node parent, int& planted) {
  std::string name = secret_name(in);
  if (in.ConsumeBool()) name = "ns:" + name;
  pugi::xml_node secret = parent.append_child(name.c_str());
  if (in.ConsumeBool()) secret.append_attribute(xml_name(in).c_str()) = fuzz_text(in).c_str();
  ++planted;
  if (in.ConsumeBool()) {
    secret.append_child(pugi::node_cdata).set_value(canary_value(in).c_str());
  } else {
    secret.append_child(pugi::node_pcdata).set_value(canary_value(in).c_str());
  }
}

void xml_children(FuzzedDataProvider& in, pugi::xml_node parent, int depth, int& planted) {
  const auto children = in.ConsumeIntegralInRange<int>(0, depth > 3 ? 1 : 4);
  for (int c = 0; c < children; ++c) {
    switch (in.ConsumeIntegralInRange<int>(0, 4)) {
      case 0:
        xml_secret(in, parent, planted);
        break;
      case 1:
        // Spaces around, so that two text nodes in a row cannot spell the canary together.
        parent.append_child(pugi::node_pcdata).set_value((' ' + fuzz_text(in) + ' ').c_str());
        break;
      case 2:
        parent.append_child(pugi::node_comment).set_value(xml_name(in).c_str());
        break;
      default: {
        pugi::xml_node child = parent.append_child(xml_name(in).c_str());
        if (in.ConsumeBool()) child.append_attribute(xml_name(in).c_str()) = fuzz_text(in).c_str();
        xml_children(in, child, depth + 1, planted);
      }
    }
  }
}

std::string generate_xml(FuzzedDataProvider& in, int& planted) {
  pugi::xml_document doc;
  pugi::xml_node root = doc.append_child(xml_name(in).c_str());
  if (in.ConsumeBool())
    root.append_attribute("xmlns") = "https://sts.amazonaws.com/doc/2011-06-15/";
  xml_children(in, root, 0, planted);
  if (planted == 0) xml_secret(in, root, planted);
  std::ostringstream out;
  const unsigned flags = in.ConsumeBool() ? pugi::format_raw : pugi::format_default;
  doc.save(out, "  ", in.ConsumeBool() ? flags : flags | pugi::format_no_declaration);
  return out.str();
}

// ---- form -------------------------------------------------------------------------------------

std::string url_encode(std::string_view text, bool plus_for_space) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte) != 0 || c == '-' || c == '_' || c == '.' || c == '~') {
      out.push_back(c);
    } else if (c == ' ' && plus_for_space) {
      out.push_back('+');
    } else {
      out += {'%', kHex[byte >> 4], kHex[byte & 15]};
    }
  }
  return out;
}

std::string generate_form(FuzzedDataProvider& in, int& planted) {
  std::string out = "Action=GetSessionToken&Version=2011-06-15";
  const auto fields = in.ConsumeIntegralInRange<int>(1, 6);
  for (int f = 0; f < fields || planted == 0; ++f) {
    const bool plus = in.ConsumeBool();
    out += '&';
    if (in.ConsumeBool() || (f >= fields && planted == 0)) {
      std::string name = secret_name(in);
      out += in.ConsumeBool() ? url_encode(name, plus) : name;
      out += '=' + url_encode(canary_value(in), plus);
      ++planted;
    } else {
      // Defused after encoding too: "%2C" + "ANARY" spells the canary. Lower-casing the 'C'
      // keeps the escape's meaning.
      out +=
          defuse(url_encode(fuzz_text(in), plus)) + '=' + defuse(url_encode(fuzz_text(in), plus));
    }
  }
  return out;
}

bool parses_as_xml(std::string_view text) {
  pugi::xml_document doc;
  return static_cast<bool>(doc.load_buffer(text.data(), text.size()));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  if (data[0] % 2 == 0) {
    const std::string_view body(reinterpret_cast<const char*>(data) + 1, size - 1);
    const std::string once = eec::net::redact_body(body);
    FUZZ_CHECK(eec::net::redact_body(once) == once);
    if (nlohmann::json::accept(body)) FUZZ_CHECK(nlohmann::json::accept(once));
    if (parses_as_xml(body)) FUZZ_CHECK(parses_as_xml(once));
    return 0;
  }

  FuzzedDataProvider in(data + 1, size - 1);
  int planted = 0;
  std::string body;
  const int format = data[0] / 2 % 3;
  if (format == 0) {
    body = generate_json(in, planted);
  } else if (format == 1) {
    body = generate_xml(in, planted);
  } else {
    body = generate_form(in, planted);
  }
  // A later member of the same name can overwrite a planted one; then there is nothing to find.
  if (body.find(kCanary) == std::string::npos) return 0;
  const std::string redacted = eec::net::redact_body(body);
  const bool leaked = redacted.find(kCanary) != std::string::npos;
  const bool parses = format == 0   ? nlohmann::json::accept(redacted)
                      : format == 1 ? parses_as_xml(redacted)
                                    : true;
  if (leaked || !parses) {
    std::fprintf(stderr, "body:\n%s\nredacted:\n%s\n", body.c_str(), redacted.c_str());
  }
  FUZZ_CHECK(!leaked);
  FUZZ_CHECK(parses);
  return 0;
}
