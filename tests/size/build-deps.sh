#!/usr/bin/env bash
# Builds position-independent static abseil, protobuf-lite and zstd for one
# architecture from Debian's own source packages (the versions installed on
# this machine), for the self-contained libtelegate.so of
# tests/size-report.sh. Debian's .a archives are not PIC, so they cannot go
# into a shared library.
#
#   tests/size/build-deps.sh x86_64|aarch64     prints the prefix to use
#
# Results are cached in $TELEGATE_DEPS_DIR (default
# ${XDG_CACHE_HOME:-~/.cache}/telegate-deps), outside every build directory:
# each dependency is fetched and built once per architecture and flag set.
# Sources come only from the package mirror the machine's apt already uses:
# a private deb-src list (a copy of the system's Debian sources with
# "Types: deb-src") in that folder, passed to apt-get with -o options, so
# the system's apt configuration is not touched. Builds run under nice.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
arch=${1:?usage: build-deps.sh x86_64|aarch64}
deps=${TELEGATE_DEPS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/telegate-deps}
jobs=$(nproc 2>/dev/null || echo 2)

# Flags of every dependency object: size-optimised, PIC, one section per
# function and datum (for --gc-sections), hidden unless marked otherwise.
FLAGS="-ffunction-sections -fdata-sections -fvisibility=hidden"
CXXFLAGS_EXTRA="-fvisibility-inlines-hidden"
flags_id=$(echo "$FLAGS $CXXFLAGS_EXTRA v1" | md5sum | cut -c1-8)
prefix=$deps/$arch-$flags_id/prefix
build=$deps/$arch-$flags_id/build

cmake_args=(-G Ninja -DCMAKE_BUILD_TYPE=MinSizeRel
  -DCMAKE_POSITION_INDEPENDENT_CODE=ON -DCMAKE_INSTALL_PREFIX="$prefix"
  -DCMAKE_INSTALL_LIBDIR=lib -DCMAKE_PREFIX_PATH="$prefix"
  "-DCMAKE_C_FLAGS=$FLAGS" "-DCMAKE_CXX_FLAGS=$FLAGS $CXXFLAGS_EXTRA"
  -DCMAKE_CXX_STANDARD=17 -DBUILD_SHARED_LIBS=OFF -DBUILD_TESTING=OFF)
case "$arch" in
  x86_64) ;;
  aarch64) cmake_args+=(-DCMAKE_TOOLCHAIN_FILE="$repo/toolchains/linux-aarch64.cmake") ;;
  *) echo "build-deps: unknown architecture $arch" >&2; exit 2 ;;
esac
if command -v ccache >/dev/null; then
  cmake_args+=(-DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
fi

# --- Sources: apt-get source from the mirror, through a private list. ---
apt_dir=$deps/apt
APT_OPTS=(-o Dir::Etc::sourcelist=/dev/null -o "Dir::Etc::sourceparts=$apt_dir/sources.list.d"
          -o "Dir::State::Lists=$apt_dir/lists" -o "Dir::Cache=$apt_dir/cache")
prepare_apt() {
  [ -d "$apt_dir/lists" ] && ls "$apt_dir"/lists/*Sources* >/dev/null 2>&1 && return
  mkdir -p "$apt_dir/sources.list.d" "$apt_dir/lists/partial" "$apt_dir/cache"
  if [ -f /etc/apt/sources.list.d/debian.sources ]; then
    sed 's/^Types:.*/Types: deb-src/' /etc/apt/sources.list.d/debian.sources \
      > "$apt_dir/sources.list.d/debian-src.sources"
  fi
  if [ -f /etc/apt/sources.list ]; then
    sed -n 's/^deb /deb-src /p' /etc/apt/sources.list > "$apt_dir/sources.list.d/debian-src.list"
  fi
  apt-get "${APT_OPTS[@]}" update -qq
}

# fetch <source package> <binary package>: unpacks (Debian patches applied)
# the source of the installed version, else the newest the mirror serves
# (the security archive's source pool may be absent from the mirror).
# Prints the source directory.
fetch() {
  local src=$1 bin=$2 want dir
  want=$(dpkg-query -W -f='${source:Version}\n' "$bin" 2>/dev/null | sort -u | head -1)
  mkdir -p "$deps/src"
  for v in $want $(apt-cache "${APT_OPTS[@]}" showsrc "$src" | sed -n 's/^Version: //p' | sort -r -V); do
    dir=$deps/src/$src-$v
    if [ -f "$dir/.unpacked" ]; then echo "$dir"; return; fi
    if (cd "$deps/src" && apt-get "${APT_OPTS[@]}" source --download-only -qq "$src=$v" >/dev/null 2>&1); then
      rm -rf "$dir"
      dpkg-source -q -x "$deps/src/${src}_${v#*:}.dsc" "$dir" >/dev/null 2>&1
      touch "$dir/.unpacked"
      echo "$dir"
      return
    fi
  done
  echo "build-deps: cannot fetch the source of $src" >&2
  exit 1
}

# once <name> <command...>: runs the build step unless its stamp exists.
once() {
  local name=$1
  shift
  [ -f "$prefix/.$name.done" ] && return
  echo "build-deps: building $name for $arch (nice)" >&2
  "$@"
  touch "$prefix/.$name.done"
}

# configure_and_build <name> <source dir> <target> [cmake options...]
configure_and_build() {
  local name=$1 src=$2 target=$3
  shift 3
  nice -n 19 cmake -S "$src" -B "$build/$name" "${cmake_args[@]}" "$@" >/dev/null
  nice -n 19 cmake --build "$build/$name" --target "$target" -j "$jobs" >/dev/null
}

build_zstd() {
  local src
  src=$(fetch libzstd libzstd-dev)
  configure_and_build zstd "$src/build/cmake" all \
    -DZSTD_BUILD_PROGRAMS=OFF -DZSTD_BUILD_SHARED=OFF -DZSTD_BUILD_STATIC=ON \
    -DZSTD_BUILD_TESTS=OFF -DZSTD_LEGACY_SUPPORT=OFF -DZSTD_MULTITHREAD_SUPPORT=OFF
  cmake --install "$build/zstd" >/dev/null
}

build_abseil() {
  local src
  src=$(fetch abseil libabsl-dev)
  configure_and_build abseil "$src" all \
    -DABSL_ENABLE_INSTALL=ON -DABSL_PROPAGATE_CXX_STD=ON
  cmake --install "$build/abseil" >/dev/null
}

# Only the lite runtime is built (not protoc, not the full library): the
# host's protoc of the same version generates the code. Installed by hand,
# as protobuf's install rule would build the full library too.
build_protobuf_lite() {
  local src
  src=$(fetch protobuf libprotobuf-dev)
  configure_and_build protobuf "$src" libprotobuf-lite \
    -Dprotobuf_BUILD_TESTS=OFF -Dprotobuf_BUILD_PROTOC_BINARIES=OFF \
    -Dprotobuf_BUILD_LIBPROTOC=OFF -Dprotobuf_WITH_ZLIB=OFF \
    -Dprotobuf_BUILD_SHARED_LIBS=OFF
  mkdir -p "$prefix/lib" "$prefix/include"
  cp "$build/protobuf/libprotobuf-lite.a" "$prefix/lib/"
  (cd "$src/src" && find google \( -name '*.h' -o -name '*.inc' \) \
     -exec cp --parents {} "$prefix/include" \;)
}

mkdir -p "$prefix"
prepare_apt
once zstd build_zstd
once abseil build_abseil
once protobuf-lite build_protobuf_lite
echo "$prefix"
