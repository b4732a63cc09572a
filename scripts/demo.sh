#!/usr/bin/env bash
# Builds ecs-exec-check and runs it against a demo scenario on a local AWS emulator (moto), so you
# can see it work without an AWS account. Seeds a broken Fargate task, an EC2 task on an old
# agent, a task in a shared VPC and a healthy task, and checks each. The emulator is stopped by
# the PID this script started, whatever happens.
#
#   scripts/demo.sh                 # all scenarios, text report
#   scripts/demo.sh --output json   # extra arguments go to ecs-exec-check
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

scripts/setup.sh
cmake --preset release >/dev/null
cmake --build --preset release -j "$(nproc)"
tool="$root/build/release/src/app/ecs-exec-check"

work=$(mktemp -d)
emulator_pid=""
cleanup() {
  if [[ -n $emulator_pid ]]; then
    kill "$emulator_pid" 2>/dev/null || true
    wait "$emulator_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

mkfifo "$work/ready"
python3 tests/emulator/server.py --auth --port 0 >"$work/ready" 2>"$work/emulator.log" &
emulator_pid=$!
read -r word port <"$work/ready"
[[ $word == READY ]] || { echo "demo: the emulator did not start:" >&2; cat "$work/emulator.log" >&2; exit 1; }
endpoint="http://127.0.0.1:$port"
echo "demo: AWS emulator on $endpoint (pid $emulator_pid)"

for scenario in broken-fargate ec2-old-agent shared-vpc healthy-fargate; do
  python3 tests/emulator/seed.py --endpoint "$endpoint" "$scenario" >"$work/$scenario.json"
  # The summary holds the scenario caller's keys; read them without echoing them.
  mapfile -t fields < <(python3 - "$work/$scenario.json" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
print(s["caller"]["accessKeyId"]); print(s["caller"]["secretAccessKey"])
print(s["region"]); print(s["cluster"]["name"]); print(s["task"]["arn"])
PY
  )
  echo
  echo "=== scenario $scenario: ecs-exec-check ${fields[3]} ${fields[4]##*/}"
  set +e
  AWS_ACCESS_KEY_ID=${fields[0]} AWS_SECRET_ACCESS_KEY=${fields[1]} AWS_REGION=${fields[2]} \
    AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null AWS_EC2_METADATA_DISABLED=true \
    "$tool" --endpoint-url "$endpoint" "$@" "${fields[3]}" "${fields[4]}"
  echo "(exit status $?)"
  set -e
done
