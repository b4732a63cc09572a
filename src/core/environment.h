// The environment-variable seam. Code that reads variables takes an `const Environment&` so tests
// can hand it a MapEnvironment instead of mutating the process environment.
//
// Contract: get() returns nullopt for an unset variable and the value (possibly empty) otherwise.
// Implementations are read-only after construction and safe to share between threads.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace eec::core {

class Environment {
 public:
  virtual ~Environment() = default;
  [[nodiscard]] virtual std::optional<std::string> get(std::string_view name) const = 0;
};

// Reads the real process environment (getenv).
class ProcessEnvironment final : public Environment {
 public:
  [[nodiscard]] std::optional<std::string> get(std::string_view name) const override;
};

// A fixed set of variables, for tests.
class MapEnvironment final : public Environment {
 public:
  MapEnvironment() = default;
  explicit MapEnvironment(std::map<std::string, std::string, std::less<>> vars)
      : vars_(std::move(vars)) {}
  void set(std::string name, std::string value) { vars_[std::move(name)] = std::move(value); }
  [[nodiscard]] std::optional<std::string> get(std::string_view name) const override;

 private:
  std::map<std::string, std::string, std::less<>> vars_;
};

}  // namespace eec::core
