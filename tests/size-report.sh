#!/usr/bin/env bash
# How big Telegate is to ship. For x86_64 and aarch64, MinSizeRel, built
# self-contained (TELEGATE_SELF_CONTAINED: abseil, protobuf-lite and zstd
# linked in statically and hidden; -ffunction-sections -fdata-sections,
# --gc-sections, LTO), stripped:
#   - libtelegate.so, the desktop library (core + Linux seams + curl
#     transport), and libtelegate_jni.so, what an Android app loads (core +
#     JNI bridge; built when a JDK's jni.h is found), each split by input
#     from its linker map;
#   - what an Android app would ship per ABI: libtelegate_jni.so and the
#     non-system shared libraries it needs (SQLCipher and its libcrypto;
#     Debian's builds, stripped, stand in for Android's). No curl: Android
#     and iOS send through the platform.
#
#   tests/size-report.sh [x86_64] [aarch64]     (default: both)
#
# The PIC static dependencies are built once from Debian's source packages
# and cached (tests/size/build-deps.sh, $TELEGATE_DEPS_DIR); the aarch64
# side needs the packages tests/run-cross.sh installs. Build directories:
# build-size-<arch>/. Sizes in KB of 1000 bytes.
set -euo pipefail
cd "$(dirname "$0")/.."
archs=("$@")
[ ${#archs[@]} -gt 0 ] || archs=(x86_64 aarch64)
budget=$((1200 * 1000))  # own code + abseil + protobuf-lite + zstd, aarch64

kb() { awk -v b="$1" 'BEGIN { printf "%8.1f KB", b / 1000 }'; }
row() { printf '  %-36s %s\n' "$1" "$2"; }

# What every Android device has (libc, libm, libdl, liblog, libz), and the
# glibc/libstdc++ pieces with no Android file of their own.
is_system() {
  case "$1" in
    libc.so.*|libm.so.*|libdl.so.*|libpthread.so.*|librt.so.*|ld-linux*|\
    libz.so.*|liblog.so*|libgcc_s.so.*|libstdc++.so.*) return 0 ;;
  esac
  return 1
}

needed() { readelf -d "$1" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'; }

# library <dir> <name> <required symbol regex>: prints the table of one
# library and sets $stripped_size.
library() {
  local dir=$1 name=$2 require=$3 lib map stripped counted=0 entry bytes
  lib=$(readlink -f "$(find "$dir" -name "$name" | head -1)")
  map=$(find "$dir" -name "${name%.so}.map" | head -1)
  # Every dependency archive must be ours (PIC, one section per function),
  # not the system's (a cross build's search order prefers the sysroot).
  if grep -Eo '/[^ ()]*lib(absl_[a-z_]*|protobuf-lite|zstd)\.a' "$map" | sort -u |
     grep -v "^$prefix/"; then
    echo "size-report: the archives above are not from $prefix" >&2
    exit 1
  fi
  stripped=$(dirname "$lib")/${name%.so}.stripped.so
  "$triple-strip" --strip-all -o "$stripped" "$lib"
  stripped_size=$(stat -c %s "$stripped")
  echo "== $arch: $name, self-contained, MinSizeRel, stripped =="
  while IFS=$'\t' read -r entry bytes; do
    row "$entry" "$(kb "$bytes")"
    counted=$((counted + bytes))
  done < <(tests/size/map_sizes.py "$map")
  row "linker tables, headers, padding" "$(kb $((stripped_size - counted)))"
  row "file" "$(kb "$stripped_size")"
  # The dependencies are inside and hidden: only the interface is exported.
  cmake -DNM="$triple-nm" -DLIBRARY="$stripped" "-DREQUIRE=$require" \
    -P tests/packaging/check_exports.cmake >/dev/null
  row "exported symbols (all interface)" \
    "$(nm -D --defined-only "$stripped" | wc -l | awk '{printf "%8d", $1}')"
  if [ "$arch" = aarch64 ]; then
    local verdict=MET
    [ "$stripped_size" -le "$budget" ] || verdict=MISSED
    row "budget (own + abseil + protobuf-lite" "<= $(kb $budget | tr -s ' '): $verdict"
    row "  + zstd, the whole stripped file)" ""
  fi
}

# shipped <library>: the library and the non-system shared libraries it
# needs, recursively; curl is the desktop transport's and is left out.
shipped() {
  local lib=$1 total=$stripped_size queue seen="" need file size
  echo "== $arch: what an Android app ships per ABI (lib/<abi>/) =="
  row "$(basename "$lib")" "$(kb "$stripped_size")"
  queue=$(needed "$lib")
  while [ -n "$queue" ]; do
    need=${queue%%$'\n'*}
    [ "$queue" = "$need" ] && queue="" || queue=${queue#*$'\n'}
    case " $seen " in *" $need "*) continue ;; esac
    seen="$seen $need"
    is_system "$need" && continue
    case "$need" in libcurl*) continue ;; esac
    file=/usr/lib/$triple/$need
    [ -f "$file" ] || file=/lib/$triple/$need
    "$triple-strip" --strip-all -o "$dir/$need.stripped" "$(readlink -f "$file")"
    size=$(stat -c %s "$dir/$need.stripped")
    total=$((total + size))
    row "$need (Debian's, stripped)" "$(kb "$size")"
    queue=$(printf '%s\n%s' "$queue" "$(needed "$file")")
    queue=${queue#$'\n'}
  done
  row "total" "$(kb "$total")"
  echo "  plus the C++ runtime (libc++ on Android: static in the library, or"
  echo "  libc++_shared.so if the app does not ship it already): not measured here"
}

for arch in "${archs[@]}"; do
  toolchain=()
  case "$arch" in
    x86_64) triple=x86_64-linux-gnu ;;
    aarch64) triple=aarch64-linux-gnu
             toolchain=(-DCMAKE_TOOLCHAIN_FILE="$PWD/toolchains/linux-aarch64.cmake") ;;
    *) echo "size-report: unknown architecture $arch" >&2; exit 2 ;;
  esac
  prefix=$(tests/size/build-deps.sh "$arch")
  dir=build-size-$arch
  launcher=()
  if command -v ccache >/dev/null; then
    launcher=(-DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  fi
  if ! out=$(cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=MinSizeRel \
      -DTELEGATE_SELF_CONTAINED=ON -DCMAKE_PREFIX_PATH="$prefix" \
      -DProtobuf_USE_STATIC_LIBS=ON -DProtobuf_INCLUDE_DIR="$prefix/include" \
      -DProtobuf_LITE_LIBRARY_RELEASE="$prefix/lib/libprotobuf-lite.a" \
      -DProtobuf_LITE_LIBRARY_DEBUG="$prefix/lib/libprotobuf-lite.a" \
      -DTELEGATE_BUILD_TESTS=OFF -DTELEGATE_BUILD_EXAMPLES=OFF \
      -DTELEGATE_BUILD_BENCHMARKS=OFF -DTELEGATE_BUILD_OBJC=OFF \
      "${toolchain[@]}" "${launcher[@]}" 2>&1); then
    echo "$out" >&2
    exit 1
  fi
  targets=(telegate)
  if cmake --build "$dir" --target help | grep -q '^telegate_jni:'; then
    targets+=(telegate_jni)
  fi
  nice -n 19 cmake --build "$dir" --target "${targets[@]}" -j "$(nproc)" >/dev/null

  library "$dir" libtelegate.so '^_ZN8telegate6Client4Open'
  android_lib=$dir/libtelegate.so
  if [[ " ${targets[*]} " == *" telegate_jni "* ]]; then
    library "$dir" libtelegate_jni.so '^JNI_OnLoad$'
    android_lib=$(find "$dir" -name libtelegate_jni.so | head -1)
  else
    echo "  (no jni.h found: libtelegate_jni.so not built; libtelegate.so stands in)"
  fi
  shipped "$(readlink -f "$android_lib")"
done
