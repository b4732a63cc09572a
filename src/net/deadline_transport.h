// An HttpTransport that keeps every request inside the run's deadline (--timeout).
//
// Each request's connect and total timeouts are shortened to the time left; a request made once
// the deadline has passed is not sent and fails at once. Either way the error is of kind
// `timeout` and its message names the run's time limit, so the `unknown` finding it becomes says
// why the answer never came.
//
// Contract: send() is thread-safe and never throws, as the wrapped transport's is. The wrapped
// transport and the deadline are borrowed and must outlive this one.
#pragma once

#include "core/deadline.h"
#include "net/http.h"

namespace eec::net {

class DeadlineTransport final : public HttpTransport {
 public:
  DeadlineTransport(HttpTransport& inner, const core::Deadline& deadline)
      : inner_(inner), deadline_(deadline) {}

  [[nodiscard]] core::Result<HttpResponse> send(const HttpRequest& request) override;

 private:
  HttpTransport& inner_;
  const core::Deadline& deadline_;
};

}  // namespace eec::net
