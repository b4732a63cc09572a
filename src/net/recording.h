// Recorded HTTP exchanges and their file format, shared by RecordingTransport (writes) and
// ReplayingTransport (reads). Fixtures live under tests/data/<area>/ and may be written by hand.
//
// File format (UTF-8 JSON, version 1):
//
//   {
//     "version": 1,
//     "interactions": [
//       {
//         "request": {
//           "method": "POST",
//           "url": "https://ecs.us-east-1.amazonaws.com/",
//           "headers": [["X-Amz-Target", "AmazonEC2ContainerServiceV20141113.DescribeTasks"],
//                       ["Content-Type", "application/x-amz-json-1.1"]],
//           "body": "{\"cluster\":\"default\",\"tasks\":[\"abc\"]}"
//         },
//         "response": {
//           "status": 200,
//           "headers": [["Content-Type", "application/x-amz-json-1.1"]],
//           "body": "{\"tasks\":[],\"failures\":[]}"
//         }
//       },
//       {
//         "request": {"method": "GET", "url": "http://169.254.170.2/v2/credentials/x"},
//         "error": {"kind": "timeout", "message": "GET http://169.254.170.2: timed out"}
//       }
//     ]
//   }
//
// Headers are [name, value] pairs, so order and repeats survive. Each interaction has either a
// "response" or an "error" (kind is one of core::to_string(ErrorKind): network, timeout, ...).
// For hand-written files: "headers" and "body" are optional, "method" defaults to GET, "status"
// to 200, and a "body" may be a JSON object or array instead of a string (it is serialised).
// Everything recorded has been through net/redact.h; a file never holds a secret.
//
// Contract: plain values and pure functions, except load/save which touch the named file.
// Nothing throws; a malformed document is a `parse` error naming what is wrong.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "net/http.h"

namespace eec::net {

struct Interaction {
  HttpRequest request;
  core::Result<HttpResponse> outcome;  // the response, or why there was none
};

[[nodiscard]] std::string recording_to_json(const std::vector<Interaction>& interactions);
[[nodiscard]] core::Result<std::vector<Interaction>> recording_from_json(std::string_view text);

[[nodiscard]] core::Result<std::vector<Interaction>> load_recording(
    const std::filesystem::path& path);
// Writes to a temporary file beside `path` and renames it, so a reader never sees half a file.
[[nodiscard]] core::Result<void> save_recording(const std::filesystem::path& path,
                                                const std::vector<Interaction>& interactions);

}  // namespace eec::net
