#!/usr/bin/env bash
# Builds the fuzz preset (clang-16, libFuzzer, ASan + UBSan) and runs every fuzz target, or the
# ones named, for SECONDS each. Prints executions, exec/s, corpus size and crashes per target and
# exits 1 when any target crashed (or failed to run). See docs/fuzzing.md.
#
#   scripts/fuzz.sh                 # 8 s per target: the short run CI does
#   scripts/fuzz.sh 600             # 10 minutes per target
#   scripts/fuzz.sh 600 redact arn  # named targets only
#   FUZZ_PARALLEL=2 scripts/fuzz.sh 600   # two targets at a time (the machine has 2 cores)
#
# Each target's working corpus grows in build/fuzz/corpus/<target>/ (seeded from
# fuzz/corpus/<target>/), its log is build/fuzz/logs/<target>.log, and a crashing input is saved
# as build/fuzz/crashes/<target>-crash-<sha1>; replay it with build/fuzz/fuzz/<target>_fuzzer FILE.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-8}
shift || true
parallel=${FUZZ_PARALLEL:-1}
[[ $seconds =~ ^[0-9]+$ && $seconds -gt 0 ]] || { echo "usage: $0 [SECONDS] [TARGET...]" >&2; exit 2; }

targets=("$@")
if ((${#targets[@]} == 0)); then
  for source in fuzz/*_fuzzer.cpp; do
    name=$(basename "$source" .cpp)
    targets+=("${name%_fuzzer}")
  done
fi

command -v clang++-16 >/dev/null || scripts/setup.sh
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz -j 2 --target "${targets[@]/%/_fuzzer}"

out=build/fuzz
mkdir -p "$out/logs" "$out/crashes"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

run_target() {
  local target=$1
  mkdir -p "$out/corpus/$target"
  rm -f "$out/crashes/$target"-*
  # -timeout: one input taking 10 s is a finding too (a hang); -rss_limit_mb: so is 2 GiB.
  "$out/fuzz/${target}_fuzzer" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="$out/crashes/$target-" \
    "$out/corpus/$target" "fuzz/corpus/$target" >"$out/logs/$target.log" 2>&1
}

stat_of() {  # stat_of TARGET NAME: a -print_final_stats value from the target's log
  sed -n "s/^stat::$2: *//p" "$out/logs/$1.log" | tail -n 1
}

status=0
running=0
for target in "${targets[@]}"; do
  if ((running >= parallel)); then
    wait -n || true
    running=$((running - 1))
  fi
  run_target "$target" &
  running=$((running + 1))
done
wait || true

printf '%-16s %8s %12s %9s %8s %8s\n' target seconds executions exec/s corpus crashes
for target in "${targets[@]}"; do
  execs=$(stat_of "$target" number_of_executed_units)
  rate=$(stat_of "$target" average_exec_per_sec)
  corpus=$(find "$out/corpus/$target" -type f | wc -l)
  crashes=$(find "$out/crashes" -name "$target-*" -type f | wc -l)
  printf '%-16s %8s %12s %9s %8s %8s\n' "$target" "$seconds" "${execs:-?}" "${rate:-?}" "$corpus" "$crashes"
  if ((crashes > 0)) || [[ -z $execs ]]; then
    status=1
    echo "--- $target: see $out/logs/$target.log" >&2
    grep -m 1 -E 'ERROR:|invariant failed|runtime error' "$out/logs/$target.log" >&2 || true
    find "$out/crashes" -name "$target-*" -type f -exec echo "    saved input: {}" \; >&2
  fi
done
exit "$status"
