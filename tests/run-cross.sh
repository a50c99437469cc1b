#!/usr/bin/env bash
# Cross build for 64-bit ARM Linux on this Debian x86_64 host, and the whole
# test suite under qemu-user:
#
#   tests/run-cross.sh aarch64 [extra cmake arguments...]
#
# Installs what is missing first (idempotent like setup.sh: with everything
# there it touches no package): the cross compiler, qemu-user, the arm64
# architecture and the :arm64 -dev packages (SQLCipher 4 from
# bookworm-backports, like the host's). Multiarch needs the host's copy of a
# library at the same version as the arm64 one, so the first install may
# upgrade a dozen host amd64 packages to the mirror's versions.
#
# Then configures build-aarch64/ with toolchains/linux-aarch64.cmake, builds
# (benchmarks left out) and runs ctest; every test binary runs under
# qemu-aarch64 (CMAKE_CROSSCOMPILING_EMULATOR), and the tests that start
# other programs start them through it too (tests/support/child_process.h):
# binfmt_misc is not mounted in these containers.
set -euo pipefail
cd "$(dirname "$0")/.."

case "${1:-}" in
  aarch64) deb_arch=arm64; triple=aarch64-linux-gnu ;;
  *) echo "usage: tests/run-cross.sh aarch64 [cmake arguments...]" >&2; exit 2 ;;
esac
arch=$1
shift

./setup.sh  # the host side: cmake, ninja, protoc, the backports source

HOST_PKGS=("g++-$triple" qemu-user)
TARGET_PKGS=(libprotobuf-dev libzstd-dev libabsl-dev libgtest-dev libgmock-dev
             libssl-dev libcurl4-openssl-dev libcpp-httplib-dev)
TARGET_BACKPORTS_PKGS=(libsqlcipher-dev)

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
installed() {
  dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"
}
missing=()
for p in "${HOST_PKGS[@]}"; do installed "$p" || missing+=("$p"); done
for p in "${TARGET_PKGS[@]}" "${TARGET_BACKPORTS_PKGS[@]}"; do
  installed "$p:$deb_arch" || missing+=("$p:$deb_arch")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "run-cross: installing: ${missing[*]}" >&2
  if ! dpkg --print-foreign-architectures | grep -qx "$deb_arch"; then
    $SUDO dpkg --add-architecture "$deb_arch"
  fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq || $SUDO apt-get update
  $SUDO apt-get install -y -qq --no-install-recommends "${HOST_PKGS[@]}" \
    "${TARGET_PKGS[@]/%/:$deb_arch}"
  $SUDO apt-get install -y -qq --no-install-recommends -t bookworm-backports \
    "${TARGET_BACKPORTS_PKGS[@]/%/:$deb_arch}"
fi

jobs=$(nproc 2>/dev/null || echo 2)
dir=build-$arch
start=$SECONDS
cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_TOOLCHAIN_FILE="toolchains/linux-$arch.cmake" \
  -DTELEGATE_BUILD_BENCHMARKS=OFF "$@" >/dev/null
cmake --build "$dir" -j "$jobs"
built=$SECONDS
ctest --test-dir "$dir" --output-on-failure -j "$jobs" --timeout 600  # fallback: every test has its own TIMEOUT
echo "run-cross: $arch build $((built - start)) s, tests under qemu $((SECONDS - built)) s"
