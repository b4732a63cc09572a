// Fact<T>: one thing the collectors learned, or why they could not learn it.
//
// A fact is exactly one of
//   - a value (T),
//   - Unavailable: the API call that would have answered was denied or failed; names the call
//     ("ec2:DescribeVpcEndpoints"), the core::Error it returned, and the IAM permission that would
//     let it run (the checks turn this into an `unknown` finding carrying all three),
//   - NotApplicable: deliberately not gathered, with the reason (no container instance on Fargate,
//     no KMS key configured, the task was not found). The checks turn this into `skip`.
// A default-constructed Fact is NotApplicable("not gathered"), so a collector that leaves a fact
// alone produces a `skip` rather than a crash.
//
// Contract: plain value type, no I/O, no secrets (producers redact before they build an Error).
#pragma once

#include <string>
#include <utility>
#include <variant>

#include "core/error.h"

namespace eec::model {

struct Unavailable {
  std::string api;  // "ec2:DescribeVpcEndpoints", "sts:GetCallerIdentity", ...
  core::Error error;
  std::string permission;  // the IAM action that would let the call run; empty if none would
};

struct NotApplicable {
  std::string reason;  // "the task runs on Fargate", "no KMS key is configured", ...
};

template <class T>
class Fact {
 public:
  Fact() : state_(NotApplicable{"not gathered"}) {}
  // Implicit on purpose: a fact is usually just its value (`facts.subnet = subnet;`).
  Fact(T value) : state_(std::move(value)) {}  // NOLINT(google-explicit-constructor)
  Fact(Unavailable unavailable)                // NOLINT(google-explicit-constructor)
      : state_(std::move(unavailable)) {}
  Fact(NotApplicable not_applicable)  // NOLINT(google-explicit-constructor)
      : state_(std::move(not_applicable)) {}

  // A Result from the aws layer as a fact: the error becomes Unavailable naming `api`.
  [[nodiscard]] static Fact from(core::Result<T> result, std::string api, std::string permission) {
    if (result) return Fact(std::move(*result));
    return Fact(Unavailable{std::move(api), std::move(result.error()), std::move(permission)});
  }

  [[nodiscard]] bool has_value() const { return std::holds_alternative<T>(state_); }
  [[nodiscard]] const T* value() const { return std::get_if<T>(&state_); }
  [[nodiscard]] T* value() { return std::get_if<T>(&state_); }
  [[nodiscard]] const Unavailable* unavailable() const { return std::get_if<Unavailable>(&state_); }
  [[nodiscard]] const NotApplicable* not_applicable() const {
    return std::get_if<NotApplicable>(&state_);
  }

 private:
  std::variant<T, Unavailable, NotApplicable> state_;
};

}  // namespace eec::model
