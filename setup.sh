#!/usr/bin/env bash
# Installs everything Telegate needs to build and test on Debian 12 (bookworm).
#
# Idempotent: when every package is already installed it returns in well under
# a second without touching apt. Run as root (or with sudo available).
#
# SQLCipher 4 is only in bookworm-backports. The backports source is derived
# from the machine's existing Debian apt source (same mirror URI and keyring),
# so no host name is written into this repository.
set -euo pipefail

# Packages from bookworm main.
MAIN_PKGS=(
  build-essential cmake pkg-config ninja-build
  protobuf-compiler libprotobuf-dev
  libzstd-dev zstd
  libabsl-dev
  libgtest-dev libgmock-dev googletest libbenchmark-dev
  libssl-dev
  libcurl4-openssl-dev libcpp-httplib-dev
  clang libclang-rt-14-dev
  default-jdk-headless junit4
  gobjc++ libgnustep-base-dev libblocksruntime-dev
)
# Packages that must come from bookworm-backports. opentelemetry-proto: the
# official OTLP .proto files (the collector compiles them; Debian's
# libopentelemetry-proto-dev holds only pre-generated full-runtime code).
BACKPORTS_PKGS=(libsqlcipher-dev sqlcipher opentelemetry-proto)

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

missing=()
for p in "${MAIN_PKGS[@]}" "${BACKPORTS_PKGS[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

sqlcipher_is_4() {
  local v
  v=$(dpkg-query -W -f='${Version}' libsqlcipher-dev 2>/dev/null || true)
  [[ "$v" == 4.* ]]
}

if [ ${#missing[@]} -eq 0 ] && sqlcipher_is_4; then
  exit 0
fi

echo "setup: installing: ${missing[*]:-(sqlcipher upgrade)}" >&2

# --- Derive a bookworm-backports source from the existing Debian source. ---
BACKPORTS_FILE=/etc/apt/sources.list.d/telegate-bookworm-backports.sources
if ! grep -rqs "bookworm-backports" /etc/apt/sources.list /etc/apt/sources.list.d/; then
  uri=""
  signed_by=""
  if [ -f /etc/apt/sources.list.d/debian.sources ]; then
    # deb822 format: take the stanza whose Suites include plain "bookworm".
    read -r uri signed_by < <(awk '
      BEGIN { RS=""; FS="\n" }
      {
        u=""; s=""; k=""; suites=""
        for (i = 1; i <= NF; i++) {
          if ($i ~ /^URIs:/)      { u=$i; sub(/^URIs:[ \t]*/, "", u) }
          if ($i ~ /^Signed-By:/) { k=$i; sub(/^Signed-By:[ \t]*/, "", k) }
          if ($i ~ /^Suites:/)    { suites=$i }
        }
        if (suites ~ /(^|[ \t])bookworm([ \t]|$)/ && u != "") { print u, k; exit }
      }' /etc/apt/sources.list.d/debian.sources)
  fi
  if [ -z "$uri" ] && [ -f /etc/apt/sources.list ]; then
    # One-line format: "deb [opts] URI bookworm main".
    uri=$(awk '$1=="deb" { for (i=2;i<=NF;i++) if ($i ~ /^[a-z]+:\/\//) { if ($(i+1)=="bookworm") { print $i; exit } } }' /etc/apt/sources.list)
    signed_by=/usr/share/keyrings/debian-archive-keyring.gpg
  fi
  if [ -z "$uri" ]; then
    echo "setup: cannot find the Debian bookworm apt source to derive backports from" >&2
    exit 1
  fi
  {
    echo "Types: deb"
    echo "URIs: $uri"
    echo "Suites: bookworm-backports"
    echo "Components: main"
    [ -n "$signed_by" ] && echo "Signed-By: $signed_by"
  } | $SUDO tee "$BACKPORTS_FILE" >/dev/null
fi

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq || $SUDO apt-get update
$SUDO apt-get install -y -qq --no-install-recommends "${MAIN_PKGS[@]}"
$SUDO apt-get install -y -qq --no-install-recommends -t bookworm-backports "${BACKPORTS_PKGS[@]}"

if ! sqlcipher_is_4; then
  echo "setup: libsqlcipher-dev 4.x did not install (got $(dpkg-query -W -f='${Version}' libsqlcipher-dev 2>/dev/null))" >&2
  exit 1
fi
echo "setup: done" >&2
