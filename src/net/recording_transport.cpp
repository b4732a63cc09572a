#include "net/recording_transport.h"

#include "net/redact.h"

namespace eec::net {

core::Result<HttpResponse> RecordingTransport::send(const HttpRequest& request) {
  core::Result<HttpResponse> outcome = inner_.send(request);
  Interaction interaction{redact(request), {}};
  if (outcome) {
    interaction.outcome = redact(*outcome, request);
  } else {
    // Transport errors name only method and host, but a wrapped transport may say more.
    core::Error error = outcome.error();
    error.message = redact_body(error.message);
    interaction.outcome = std::unexpected(std::move(error));
  }
  std::lock_guard lock(mutex_);
  interactions_.push_back(std::move(interaction));
  return outcome;
}

std::vector<Interaction> RecordingTransport::interactions() const {
  std::lock_guard lock(mutex_);
  return interactions_;
}

core::Result<void> RecordingTransport::save(const std::filesystem::path& path) const {
  return save_recording(path, interactions());
}

}  // namespace eec::net
