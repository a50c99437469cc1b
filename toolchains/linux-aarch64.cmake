# Cross build for 64-bit ARM Linux on a Debian x86_64 host, with Debian's
# arm64 multiarch packages and qemu-user to run the tests. The whole recipe
# (installs included) is
#
#   tests/run-cross.sh aarch64
#
# which installs g++-aarch64-linux-gnu, qemu-user and, after
# `dpkg --add-architecture arm64`, libprotobuf-dev libzstd-dev libabsl-dev
# libgtest-dev libgmock-dev libssl-dev libcurl4-openssl-dev libcpp-httplib-dev
# (all :arm64) and libsqlcipher-dev:arm64 from bookworm-backports, then runs
#
#   cmake -S . -B build-aarch64 -G Ninja -DCMAKE_TOOLCHAIN_FILE=toolchains/linux-aarch64.cmake \
#     -DTELEGATE_BUILD_BENCHMARKS=OFF
#   cmake --build build-aarch64 && ctest --test-dir build-aarch64
#
# protoc runs on the host (the generated code is architecture-neutral); the
# zstd dictionary is the committed one (proto/dictionary/events.zdict).
# ctest runs the test binaries through CMAKE_CROSSCOMPILING_EMULATOR, and the
# tests start the programs they run through it (tests/support/child_process.h):
# binfmt_misc is not mounted here, so qemu cannot exec an arm64 program by
# itself. Plain `qemu-aarch64` finds the arm64 loader in /lib (the
# `-L /usr/aarch64-linux-gnu` form hangs in pthread_create here).
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(CMAKE_C_COMPILER aarch64-linux-gnu-gcc)
set(CMAKE_CXX_COMPILER aarch64-linux-gnu-g++)
set(CMAKE_LIBRARY_ARCHITECTURE aarch64-linux-gnu)
set(CMAKE_FIND_ROOT_PATH /usr/aarch64-linux-gnu /usr/lib/aarch64-linux-gnu)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY BOTH)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE BOTH)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE BOTH)
set(ENV{PKG_CONFIG_LIBDIR} /usr/lib/aarch64-linux-gnu/pkgconfig:/usr/share/pkgconfig)
set(CMAKE_CROSSCOMPILING_EMULATOR qemu-aarch64)
