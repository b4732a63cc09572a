// The JSON report (`--output json`): exactly the document of the catalog (docs/spec/checks.md),
// schemaVersion 1. Keys with nothing to say are left out; `container` only on container.*
// findings, `actions` only where a finding has them (iam.*), `error` only on unknown findings.
#pragma once

#include <string>

#include "core/report.h"

namespace eec::render {

// One JSON document, pretty-printed with two spaces and a trailing newline. Control characters in
// strings (C0, DEL, C1) are \u escapes, so the document is safe to show on a terminal.
[[nodiscard]] std::string render_json(const core::Report& report);

}  // namespace eec::render
