# iOS device build of the core (arm64) with CMake's built-in iOS support.
# Run on macOS with Xcode; the dependencies (SQLCipher 4, protobuf-lite, zstd,
# abseil) must be built for iphoneos and found through CMAKE_PREFIX_PATH. Not
# exercised on the project's Debian machines.
#
#   cmake -S . -B build-ios -G Xcode -DCMAKE_TOOLCHAIN_FILE=toolchains/ios.cmake \
#     -DCMAKE_PREFIX_PATH=/path/to/ios-deps -DTELEGATE_BUILD_TESTS=OFF
set(CMAKE_SYSTEM_NAME iOS)
set(CMAKE_OSX_ARCHITECTURES arm64 CACHE STRING "")
set(CMAKE_OSX_DEPLOYMENT_TARGET 14.0 CACHE STRING "")
set(TELEGATE_PLATFORM ios CACHE STRING "" FORCE)
