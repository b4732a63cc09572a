#include "net/deadline_transport.h"

namespace eec::net {

core::Result<HttpResponse> DeadlineTransport::send(const HttpRequest& request) {
  const std::chrono::milliseconds left = deadline_.remaining();
  if (left <= std::chrono::milliseconds(0)) {
    return core::make_error(core::ErrorKind::timeout,
                            request.method + " " + origin_of(request.url) +
                                ": not sent: " + deadline_.describe() + " has passed");
  }
  HttpRequest bounded = request;
  bounded.connect_timeout = std::min(request.connect_timeout, left);
  bounded.total_timeout = std::min(request.total_timeout, left);
  const bool shortened = bounded.total_timeout < request.total_timeout;

  core::Result<HttpResponse> response = inner_.send(bounded);
  if (!response && response.error().kind == core::ErrorKind::timeout && shortened) {
    response.error().message += "; " + deadline_.describe() + " was reached";
  }
  return response;
}

}  // namespace eec::net
