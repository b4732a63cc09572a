#!/usr/bin/env bash
# Builds and runs every test: formatting; the dev build and every test (unit, component, e2e);
# the whole suite again under ASan + UBSan; the README's demo (release build) on the emulator;
# a short run of every fuzz target (clang-16 libFuzzer, see docs/fuzzing.md). Stops at the first
# stage that fails.
set -euo pipefail
cd "$(dirname "$0")/.."

stage() { printf '\n=== %s (%s)\n' "$1" "$(date -u +%H:%M:%S)"; }

stage setup
scripts/setup.sh
stage format
scripts/check-format.sh

jobs=$(nproc)
stage "dev build and tests"
cmake --preset dev
cmake --build --preset dev -j "$jobs"
ctest --preset dev -j "$jobs"

stage "asan + ubsan build and tests"
cmake --preset asan
cmake --build --preset asan -j "$jobs"
ctest --preset asan -j "$jobs"

stage "demo (release build)"
mkdir -p build
scripts/demo.sh >build/demo.log 2>&1 || { cat build/demo.log; exit 1; }
runs=$(grep -c '^(exit status [01])$' build/demo.log || true)
if [[ $runs != 4 ]]; then
  cat build/demo.log
  echo "test: the demo ran $runs of its 4 scenarios to a report" >&2
  exit 1
fi
echo "demo: 4 scenarios reported (build/demo.log)"

stage "fuzz (short run)"
scripts/fuzz.sh 8
stage done
