#include "render/json_renderer.h"

#include "render/terminal_safe.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

namespace eec::render {

namespace {

using Json = nlohmann::ordered_json;

void put_if(Json& object, const char* key, const std::string& value) {
  if (!value.empty()) object[key] = value;
}

Json action_json(const core::ActionDecision& action) {
  Json out;
  out["action"] = action.action;
  out["resource"] = action.resource;
  out["decision"] = action.decision;
  if (!action.matched_statements.empty()) out["matchedStatements"] = action.matched_statements;
  if (action.organizations_allowed) out["allowedByOrganizations"] = *action.organizations_allowed;
  if (action.boundary_decision) out["permissionsBoundaryDecision"] = *action.boundary_decision;
  return out;
}

Json finding_json(const core::Finding& finding) {
  Json out;
  out["id"] = finding.id;
  out["status"] = std::string(core::to_string(finding.status));
  put_if(out, "container", finding.container);
  put_if(out, "title", finding.title);
  put_if(out, "detail", finding.detail);
  put_if(out, "fix", finding.fix);
  put_if(out, "docs", finding.docs);
  if (!finding.actions.empty()) {
    Json actions = Json::array();
    for (const auto& action : finding.actions) actions.push_back(action_json(action));
    out["actions"] = std::move(actions);
  }
  if (finding.error && finding.status == core::Status::unknown) {
    Json error;
    put_if(error, "api", finding.error->api);
    put_if(error, "code", finding.error->code);
    put_if(error, "message", finding.error->message);
    put_if(error, "permission", finding.error->permission);
    out["error"] = std::move(error);
  }
  if (finding.evidence.is_object() && !finding.evidence.empty()) {
    out["evidence"] = Json::parse(
        finding.evidence.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  }
  return out;
}

Json findings_json(const std::vector<core::Finding>& findings) {
  Json out = Json::array();
  for (const auto& finding : findings) out.push_back(finding_json(finding));
  return out;
}

// nlohmann escapes the C0 controls but writes DEL, the C1 controls (U+0080..U+009F) and the
// invisible bidirectional controls raw, and a terminal showing the JSON acts on them (U+009B is a
// one-character CSI; U+202E reverses what follows). Outside strings the dump is plain ASCII, so
// escaping every occurrence keeps the document valid and its values equal. The same characters
// as the text report's (terminal_safe.h).
std::string escape_terminal_controls(const std::string& json) {
  std::string out;
  out.reserve(json.size());
  for (std::size_t i = 0; i < json.size();) {
    if (json[i] == '\x7f') {
      out += "\\u007f";
      ++i;
    } else if (const auto escaped = escaped_character_at(json, i)) {
      out += fmt::format("\\u{:04x}", escaped->code);
      i += escaped->length;
    } else {
      out += json[i++];
    }
  }
  return out;
}

}  // namespace

std::string render_json(const core::Report& report) {
  Json doc;
  doc["schemaVersion"] = 1;
  doc["tool"] = Json{{"name", report.tool_name}, {"version", report.tool_version}};
  put_if(doc, "region", report.region);
  put_if(doc, "partition", report.partition);
  put_if(doc, "account", report.account);
  if (!report.caller_arn.empty() || !report.caller_principal.empty()) {
    Json caller;
    put_if(caller, "arn", report.caller_arn);
    put_if(caller, "principal", report.caller_principal);
    doc["caller"] = std::move(caller);
  }
  doc["checks"] = findings_json(report.checks);
  Json targets = Json::array();
  for (const auto& target : report.targets) {
    Json t;
    t["cluster"] = target.cluster;
    t["task"] = target.task;
    t["checks"] = findings_json(target.checks);
    targets.push_back(std::move(t));
  }
  doc["targets"] = std::move(targets);
  const core::Summary summary = core::summarize(report);
  doc["summary"] = Json{{"ok", summary.ok},
                        {"warn", summary.warn},
                        {"fail", summary.fail},
                        {"unknown", summary.unknown},
                        {"skip", summary.skip}};
  // Replace invalid UTF-8 rather than throw: AWS data is untrusted.
  return escape_terminal_controls(doc.dump(2, ' ', false, Json::error_handler_t::replace)) + "\n";
}

}  // namespace eec::render
