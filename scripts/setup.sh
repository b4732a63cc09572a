#!/usr/bin/env bash
# Installs everything the build and the tests need, from Debian packages only. Idempotent: it
# installs only what is missing, so a second run does nothing. The emulator (moto) comes from pip
# and is installed only when it is not importable already.
set -euo pipefail

packages=(
  build-essential cmake ninja-build ccache pkg-config git
  libssl-dev libcurl4-openssl-dev nlohmann-json3-dev libpugixml-dev libcli11-dev libfmt-dev
  libgtest-dev libgmock-dev clang-format
  # The fuzz preset (scripts/fuzz.sh): clang-16 with libFuzzer and the sanitizer runtimes.
  clang-16 libclang-rt-16-dev
  python3 python3-pip time curl jq
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  sudo_cmd=()
  [[ $(id -u) -ne 0 ]] && sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if ! python3 -c 'import moto, boto3' 2>/dev/null; then
  echo "setup: installing the moto emulator (pip)"
  python3 -m pip install --quiet 'moto[server]' boto3 ||
    python3 -m pip install --quiet --break-system-packages 'moto[server]' boto3
fi
