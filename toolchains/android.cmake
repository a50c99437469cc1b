# Android build of the core and the JNI bridge (arm64-v8a by default)
# through the NDK's own toolchain file. Requires ANDROID_NDK (or
# ANDROID_NDK_HOME) to point at an NDK r25+ and the dependencies (SQLCipher 4
# with its OpenSSL/BoringSSL, protobuf-lite, zstd, abseil) built for the same
# ABI and found through CMAKE_PREFIX_PATH; Debian's packages cannot serve
# here. It sets TELEGATE_PLATFORM=android (platform/android): the seams are
# the Java objects the app hands to io.telegate.Telegate.open, and the target
# to ship is telegate_jni (libtelegate_jni.so: the core and the bridge in one
# library exporting only Java_io_telegate_* and JNI_OnLoad). The Java sources
# (platform/android/java/api and java/android) are compiled by the app's
# Gradle build against android.jar, with the .so in jniLibs/<abi>/.
#
# Not exercised on the project's Debian machines (no NDK there): CI builds
# the bridge for the host JVM (tests/android) and checks that
# TELEGATE_PLATFORM=android configures (Android.PlatformAndroidConfigures).
#
#   cmake -S . -B build-android -G Ninja \
#     -DCMAKE_TOOLCHAIN_FILE=toolchains/android.cmake -DANDROID_ABI=arm64-v8a \
#     -DCMAKE_PREFIX_PATH=/path/to/android-deps -DCMAKE_BUILD_TYPE=Release \
#     -DTELEGATE_BUILD_TESTS=OFF -DTELEGATE_BUILD_EXAMPLES=OFF \
#     -DTELEGATE_BUILD_BENCHMARKS=OFF
#   cmake --build build-android --target telegate_jni
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
