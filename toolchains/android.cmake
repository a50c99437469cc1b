# Android build of the core (arm64-v8a by default) through the NDK's own
# toolchain file. Requires ANDROID_NDK (or ANDROID_NDK_HOME) to point at an
# NDK r25+ and the dependencies (SQLCipher 4 with its OpenSSL/BoringSSL,
# protobuf-lite, zstd, abseil) built for the same ABI and found through
# CMAKE_PREFIX_PATH; Debian's packages cannot serve here. Not exercised on
# the project's Debian machines (no NDK there): the desktop platform and the
# linux-aarch64 cross build are what CI runs.
#
#   cmake -S . -B build-android -DCMAKE_TOOLCHAIN_FILE=toolchains/android.cmake \
#     -DCMAKE_PREFIX_PATH=/path/to/android-deps -DTELEGATE_BUILD_TESTS=OFF
if(NOT DEFINED ANDROID_ABI)
  set(ANDROID_ABI arm64-v8a)
endif()
if(NOT DEFINED ANDROID_PLATFORM)
  set(ANDROID_PLATFORM android-24)
endif()
set(_ndk "$ENV{ANDROID_NDK}")
if(NOT _ndk)
  set(_ndk "$ENV{ANDROID_NDK_HOME}")
endif()
if(NOT _ndk OR NOT EXISTS "${_ndk}/build/cmake/android.toolchain.cmake")
  message(FATAL_ERROR "Set ANDROID_NDK to an Android NDK (r25 or later)")
endif()
include("${_ndk}/build/cmake/android.toolchain.cmake")
set(TELEGATE_PLATFORM android CACHE STRING "" FORCE)
