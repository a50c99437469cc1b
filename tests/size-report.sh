#!/usr/bin/env bash
# How big Telegate is to ship: the stripped size of a self-contained
# libtelegate.so (MinSizeRel; abseil, protobuf-lite and zstd linked in
# statically and hidden; -ffunction-sections -fdata-sections, --gc-sections,
# LTO) for x86_64 and aarch64, split by input from the linker map, and what
# an Android app would ship per ABI: the library plus the non-system shared
# libraries it needs (SQLCipher and its libcrypto; not curl, which only the
# desktop transport uses — Android and iOS send through the platform).
#
#   tests/size-report.sh [x86_64] [aarch64]     (default: both)
#
# The PIC static dependencies are built once from Debian's source packages
# and cached (tests/size/build-deps.sh, $TELEGATE_DEPS_DIR); the aarch64
# side needs the packages tests/run-cross.sh installs. Build directories:
# build-size-<arch>/.
set -euo pipefail
cd "$(dirname "$0")/.."
archs=("$@")
[ ${#archs[@]} -gt 0 ] || archs=(x86_64 aarch64)
budget=$((1200 * 1000))  # own code + abseil + protobuf-lite + zstd, aarch64

kb() { awk -v b="$1" 'BEGIN { printf "%8.1f KB", b / 1000 }'; }

# The Android stand-in for "system": libraries every Android device has
# (libc, libm, libdl, liblog, libz) and the glibc/libstdc++ pieces that
# have no Android file of their own.
is_system() {
  case "$1" in
    libc.so.*|libm.so.*|libdl.so.*|libpthread.so.*|librt.so.*|ld-linux*|\
    libz.so.*|liblog.so*|libgcc_s.so.*|libstdc++.so.*) return 0 ;;
  esac
  return 1
}

report() {
  local arch=$1 triple toolchain=() prefix dir lib map stripped size
  case "$arch" in
    x86_64) triple=x86_64-linux-gnu ;;
    aarch64) triple=aarch64-linux-gnu
             toolchain=(-DCMAKE_TOOLCHAIN_FILE=toolchains/linux-aarch64.cmake) ;;
    *) echo "size-report: unknown architecture $arch" >&2; exit 2 ;;
  esac
  prefix=$(tests/size/build-deps.sh "$arch")
  dir=build-size-$arch
  local launcher=()
  if command -v ccache >/dev/null; then
    launcher=(-DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  fi
  local out
  if ! out=$(cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=MinSizeRel \
    -DTELEGATE_SELF_CONTAINED=ON -DCMAKE_PREFIX_PATH="$prefix" \
    -DProtobuf_USE_STATIC_LIBS=ON -DProtobuf_INCLUDE_DIR="$prefix/include" \
    -DProtobuf_LITE_LIBRARY_RELEASE="$prefix/lib/libprotobuf-lite.a" \
    -DProtobuf_LITE_LIBRARY_DEBUG="$prefix/lib/libprotobuf-lite.a" \
    -DTELEGATE_BUILD_TESTS=OFF \
    -DTELEGATE_BUILD_EXAMPLES=OFF -DTELEGATE_BUILD_BENCHMARKS=OFF \
    "${toolchain[@]}" "${launcher[@]}" 2>&1); then
    echo "$out" >&2
    exit 1
  fi
  nice -n 19 cmake --build "$dir" --target telegate -j "$(nproc)" >/dev/null
  lib=$(readlink -f "$dir/libtelegate.so")
  map=$dir/libtelegate.map
  # Every dependency archive must be ours (PIC, one section per function),
  # not the system's (a cross build's search order prefers the sysroot).
  if grep -Eo '/[^ ()]*lib(absl_[a-z_]*|protobuf-lite|zstd)\.a' "$map" | sort -u | grep -v "^$prefix/"; then
    echo "size-report: the archives above are not from $prefix" >&2
    exit 1
  fi
  stripped=$dir/libtelegate.stripped.so
  "$triple-strip" --strip-all -o "$stripped" "$lib"
  size=$(stat -c %s "$stripped")

  echo "== $arch: libtelegate.so, self-contained, MinSizeRel, stripped =="
  local counted=0 core=0 name bytes
  while IFS=$'\t' read -r name bytes; do
    printf '  %-34s %s\n' "$name" "$(kb "$bytes")"
    counted=$((counted + bytes))
    case "$name" in
      "own code"|abseil|protobuf-lite|zstd) core=$((core + bytes)) ;;
    esac
  done < <(tests/size/map_sizes.py "$map")
  printf '  %-34s %s\n' "linker tables, headers, padding" "$(kb $((size - counted)))"
  printf '  %-34s %s\n' "file" "$(kb "$size")"
  # The dependencies are inside and hidden: only the API is exported.
  cmake -DNM="$triple-nm" -DLIBRARY="$stripped" "-DREQUIRE=^_ZN8telegate6Client4Open" \
    -P tests/packaging/check_exports.cmake >/dev/null
  printf '  %-34s %s\n' "exported symbols (all API)" \
    "$(nm -D --defined-only "$stripped" | wc -l | awk '{printf "%8d", $1}')"
  if [ "$arch" = aarch64 ]; then
    local verdict=MET
    [ "$size" -le "$budget" ] || verdict=MISSED
    echo "  budget: own code + abseil + protobuf-lite + zstd <= $(kb $budget | tr -s ' ')" \
      "for the whole stripped file: $(kb "$size" | tr -s ' ') — $verdict"
  fi

  # What an Android app would ship for this ABI: the library and the
  # non-system shared libraries it needs, recursively (Debian's builds of
  # them, stripped, stand in for Android's).
  echo "  shipped per ABI (app's lib/<abi>/):"
  local total=$size queue seen="" need file s
  printf '    %-32s %s\n' "libtelegate.so" "$(kb "$size")"
  queue=$(readelf -d "$lib" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')
  while [ -n "$queue" ]; do
    need=${queue%%$'\n'*}
    [ "$queue" = "$need" ] && queue="" || queue=${queue#*$'\n'}
    case " $seen " in *" $need "*) continue ;; esac
    seen="$seen $need"
    is_system "$need" && continue
    case "$need" in libcurl*) continue ;; esac  # desktop transport only
    file=/usr/lib/$triple/$need
    [ -f "$file" ] || file=/lib/$triple/$need
    "$triple-strip" --strip-all -o "$dir/$need.stripped" "$(readlink -f "$file")"
    s=$(stat -c %s "$dir/$need.stripped")
    total=$((total + s))
    printf '    %-32s %s\n' "$need" "$(kb "$s")"
    queue=$(printf '%s\n%s' "$queue" "$(readelf -d "$file" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')")
    queue=${queue#$'\n'}
  done
  printf '    %-32s %s\n' "total" "$(kb "$total")"
  echo "    (plus the C++ runtime: on Android libc++, static in the library or"
  echo "     libc++_shared.so if the app does not ship it already; not measured here)"
}

for arch in "${archs[@]}"; do
  report "$arch"
done
