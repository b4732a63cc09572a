// One run of the checker: resolve the local set-up, gather the facts (concurrently), judge them
// and build the report. Printing stays with run(); this returns the report and the exit status.
//
// Contract: never throws and never aborts halfway: whatever fails becomes a finding. The seams
// are borrowed and must outlive the call.
#pragma once

#include <functional>
#include <string_view>

#include "app/options.h"
#include "aws/credential_chain.h"
#include "core/deadline.h"
#include "core/report.h"

namespace eec::app {

struct CheckerSeams {
  aws::CredentialSeams credentials;  // env, clock, files, http, processes, prompter, sts, sso
  std::function<void(std::string_view)> debug;  // --debug lines (secret-free); may be empty
  // The run's deadline (--timeout); may be null. The checker stops retrying and caps its
  // subprocesses by it; `credentials.http` is expected to bound each request by it too
  // (net::DeadlineTransport), so that what did not answer in time becomes `unknown`.
  const core::Deadline* deadline = nullptr;
};

struct CheckerOutcome {
  core::Report report;
  int exit_code = 0;
};

[[nodiscard]] CheckerOutcome run_checker(const Options& options, const CheckerSeams& seams,
                                         std::string_view version);

}  // namespace eec::app
