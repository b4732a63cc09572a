// The AWS emulator (tests/emulator/server.py, moto with the project's patches) as a child process
// of a test program, and seeding of named scenarios into it (tests/emulator/seed.py).
//
// Contract: Emulator::start() returns a serving emulator on a free loopback port, or an Error
// (internal: could not start; timeout: no READY line in time). The emulator is stopped by the PID
// recorded at start: SIGTERM, then SIGKILL after a grace period, and reaped, in stop() or the
// destructor. reset() wipes every resource (the bootstrap admin of the README stays); seed()
// builds a scenario of tests/emulator/seed.py and returns its JSON summary (shape in
// tests/emulator/README.md; an unknown scenario is not_found); control() posts to the /eec-test/
// control endpoint. Not thread-safe; one test thread at a time.
//
// Most e2e tests use EmulatorTest: one emulator per test program, shared by its tests, reset
// before each test.
#pragma once

#include <gtest/gtest.h>
#include <sys/types.h>

#include <chrono>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "core/error.h"
#include "support/child_process.h"

namespace eec::support {

struct EmulatorOptions {
  bool auth = true;                // verify SigV4 and IAM permissions (server.py --auth)
  std::string python = "python3";  // looked up on PATH
  std::string directory = EEC_EMULATOR_DIR;
  std::chrono::milliseconds startup_timeout{60'000};
  std::chrono::milliseconds stop_grace{5'000};
};

class Emulator {
 public:
  [[nodiscard]] static core::Result<std::unique_ptr<Emulator>> start(EmulatorOptions options = {});

  Emulator(const Emulator&) = delete;
  Emulator& operator=(const Emulator&) = delete;
  ~Emulator();

  // "http://127.0.0.1:PORT"
  [[nodiscard]] const std::string& endpoint() const { return endpoint_; }
  [[nodiscard]] int port() const { return port_; }
  [[nodiscard]] pid_t pid() const { return pid_; }
  [[nodiscard]] bool auth() const { return options_.auth; }

  [[nodiscard]] core::Result<void> reset();
  [[nodiscard]] core::Result<nlohmann::json> seed(std::string_view scenario);
  // POST /eec-test/<path> with a JSON body; the JSON answer, or an Error for a non-200 status.
  [[nodiscard]] core::Result<nlohmann::json> control(std::string_view path,
                                                     const nlohmann::json& body);

  // Stops the server (idempotent); returns its exit code (0 after a clean SIGTERM shutdown).
  int stop();

 private:
  Emulator(EmulatorOptions options, ChildProcess child, int port);

  EmulatorOptions options_;
  ChildProcess child_;
  int port_;
  pid_t pid_;
  std::string endpoint_;
};

// The emulator of this test program, started on first use and stopped when the program exits.
[[nodiscard]] core::Result<Emulator*> shared_emulator();
// The same, reset first (no scenario, no faults armed).
[[nodiscard]] core::Result<Emulator*> reset_shared_emulator();

// A fixture for e2e tests: the shared emulator, reset before each test.
class EmulatorTest : public ::testing::Test {
 protected:
  void SetUp() override;
  [[nodiscard]] Emulator& emulator() { return *emulator_; }

 private:
  Emulator* emulator_ = nullptr;
};

}  // namespace eec::support
