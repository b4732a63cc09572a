#!/usr/bin/env bash
# Benchmarks the release binary against the emulator: per demo scenario, N runs (default 5) of one
# task check, with wall time, CPU time (user+sys) and peak RSS from /usr/bin/time, and the request
# count and sequential rounds from --debug's closing lines. Prints a Markdown table on stdout, then
# the critical paths seen per scenario.
#
#   bench/run.sh [N]
#
# EEC_BENCH_BINARY=path skips the release build and measures that binary instead. The local checks
# run a fake `aws --version` and `session-manager-plugin --version` (shell scripts on PATH); the
# "wall, no aws" column repeats the runs with no `aws` on PATH, to show that subprocess's share.
# The emulator is started here and stopped by its PID. Needs: cmake, python3 + moto, curl, jq,
# /usr/bin/time (scripts/setup.sh installs them).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-5}
scenarios=(healthy-fargate broken-fargate shared-vpc ec2-old-agent ec2-generated-profile)

[[ -x /usr/bin/time ]] || { echo "bench: /usr/bin/time missing; run scripts/setup.sh" >&2; exit 1; }

binary=${EEC_BENCH_BINARY:-}
if [[ -z $binary ]]; then
  (cd "$root" && cmake --preset release >/dev/null &&
    cmake --build --preset release --target ecs-exec-check -j2 >/dev/null)
  binary=$root/build/release/src/app/ecs-exec-check
fi

work=$(mktemp -d)
server_pid=
cleanup() {
  if [[ -n $server_pid ]]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

python3 "$root/tests/emulator/server.py" --auth --port 0 >"$work/ready" 2>"$work/server.log" &
server_pid=$!
for _ in $(seq 600); do
  grep -q '^READY ' "$work/ready" 2>/dev/null && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log" >&2; exit 1; }
  sleep 0.1
done
port=$(awk '/^READY /{print $2}' "$work/ready")
[[ -n $port ]] || { echo "bench: the emulator did not start" >&2; exit 1; }
endpoint=http://127.0.0.1:$port

mkdir -p "$work/bin" "$work/bin-noaws" "$work/home"
printf '#!/bin/sh\necho "aws-cli/2.15.0 Python/3.11.6 Linux/6 exe/x86_64"\n' >"$work/bin/aws"
printf '#!/bin/sh\necho 1.2.553.0\n' >"$work/bin/session-manager-plugin"
cp "$work/bin/session-manager-plugin" "$work/bin-noaws/"
chmod +x "$work/bin"/* "$work/bin-noaws"/*

# median of the numbers on stdin
median() { sort -g | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }

# one_run PATHDIR: appends "wall cpu rss_kb requests rounds" to $work/rows
one_run() {
  env -i PATH="$1" HOME="$work/home" NO_COLOR=1 AWS_REGION=us-east-1 \
    AWS_ACCESS_KEY_ID="$key" AWS_SECRET_ACCESS_KEY="$secret" AWS_CONFIG_FILE=/dev/null \
    AWS_SHARED_CREDENTIALS_FILE=/dev/null AWS_EC2_METADATA_DISABLED=true \
    /usr/bin/time -f '%e %U %S %M' -o "$work/time" \
    "$binary" --debug --endpoint-url "$endpoint" "$cluster" "$task" >/dev/null 2>"$work/err" || true
  # time prefixes "Command exited with non-zero status N" when the check found problems
  read -r wall user sys rss < <(tail -1 "$work/time")
  summary=$(grep -Eo '[0-9]+ requests in [0-9]+ sequential rounds' "$work/err" | tail -1 || true)
  [[ -n $summary ]] || summary="? requests in ? sequential rounds"
  echo "$wall $(awk -v u="$user" -v s="$sys" 'BEGIN{print u+s}') $rss ${summary%% *} $(echo "$summary" | awk '{print $4}')" >>"$work/rows"
  grep -o 'critical path: .*' "$work/err" | sed 's/^critical path: //' >>"$work/paths-$scenario" || true
}

echo "| scenario | runs | wall median (min-max) s | CPU user+sys median s | peak RSS MiB | requests | sequential rounds | wall median, no aws on PATH s |"
echo "|---|---|---|---|---|---|---|---|"
for scenario in "${scenarios[@]}"; do
  curl -sf -X POST "$endpoint/eec-test/reset" >/dev/null
  curl -sf -X POST "$endpoint/eec-test/seed" -d "{\"scenario\": \"$scenario\"}" >"$work/summary.json"
  key=$(jq -r .caller.accessKeyId "$work/summary.json")
  secret=$(jq -r .caller.secretAccessKey "$work/summary.json")
  cluster=$(jq -r .cluster.name "$work/summary.json")
  task=$(jq -r .task.arn "$work/summary.json")
  : >"$work/rows"
  for _ in $(seq "$runs"); do one_run "$work/bin"; done
  cp "$work/rows" "$work/with-aws"
  : >"$work/rows"
  for _ in $(seq "$runs"); do one_run "$work/bin-noaws"; done
  noaws=$(cut -d' ' -f1 "$work/rows" | median)
  rows=$work/with-aws
  wall=$(cut -d' ' -f1 "$rows" | median)
  wmin=$(cut -d' ' -f1 "$rows" | sort -g | head -1)
  wmax=$(cut -d' ' -f1 "$rows" | sort -g | tail -1)
  cpu=$(cut -d' ' -f2 "$rows" | median)
  rss=$(cut -d' ' -f3 "$rows" | sort -g | tail -1 | awk '{printf "%.1f", $1/1024}')
  requests=$(cut -d' ' -f4 "$rows" | sort -u | paste -sd/)
  # The usual count, then every count seen with how many runs saw it: "3 (3×4, 4×1)".
  rounds=$(cut -d' ' -f5 "$rows" | sort -g | uniq -c | sort -k1,1nr -k2,2g |
    awk '{all = all (NR > 1 ? ", " : "") $2 "×" $1; if (NR == 1) top = $2} END {print top " (" all ")"}')
  echo "| $scenario | $runs | $wall ($wmin-$wmax) | $cpu | $rss | $requests | $rounds | $noaws |"
done

echo
echo "Critical paths (--debug's \"critical path\" line; how many of the $((2 * runs)) runs):"
echo
for scenario in "${scenarios[@]}"; do
  sort "$work/paths-$scenario" | uniq -c | sort -rn | while read -r count path; do
    echo "- $scenario ($count): $path"
  done
done
