#!/usr/bin/env bash
# Installs the Debian 12 packages mcuprof needs; a quick no-op when all are present.
set -euo pipefail
packages=(
  build-essential cmake pkg-config
  gcc-arm-none-eabi binutils-arm-none-eabi libnewlib-arm-none-eabi
  libcapstone-dev libunicorn-dev qemu-system-arm
  libboost-program-options-dev libboost-math-dev libboost-random-dev
  libsqlite3-dev libgtest-dev libgmock-dev libbenchmark-dev nlohmann-json3-dev
  libflatbuffers-dev flatbuffers-compiler libelf-dev
  clang libclang-rt-14-dev
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "Installing missing packages: ${missing[*]}"
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO=sudo
$SUDO apt-get update -q
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
