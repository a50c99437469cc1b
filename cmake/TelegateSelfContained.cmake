# TELEGATE_SELF_CONTAINED: one shared library that carries its dependencies
# inside — abseil, protobuf-lite and zstd linked statically and hidden (the
# version script keeps only the API, JNI and Objective-C symbols), compiled
# with -ffunction-sections -fdata-sections, linked with --gc-sections and
# LTO. This is the shape a mobile app ships: one .so per ABI, nothing of
# abseil or protobuf in the app's binary interface. SQLCipher and its
# libcrypto stay shared libraries.
#
# Needs position-independent static builds of those three in
# CMAKE_PREFIX_PATH (Debian's .a archives are not PIC); tests/size-report.sh
# builds them from Debian's source packages and configures
#   -DTELEGATE_SELF_CONTAINED=ON -DCMAKE_PREFIX_PATH=<deps> -DCMAKE_BUILD_TYPE=MinSizeRel
# The C++ API of such a library uses abseil types it no longer exports: it is
# for the bridges built into it, not for C++ hosts (those use the default
# build and share the system's abseil).
option(TELEGATE_SELF_CONTAINED
  "Link abseil, protobuf-lite and zstd statically and hidden into libtelegate.so" OFF)

if(TELEGATE_SELF_CONTAINED)
  set(TELEGATE_ZSTD zstd::libzstd_static)
  set(CMAKE_INTERPROCEDURAL_OPTIMIZATION ON)
  add_compile_options(-ffunction-sections -fdata-sections)
else()
  set(TELEGATE_ZSTD zstd::libzstd_shared)  # zstd's package has no zstd::libzstd
endif()

# The link options of the self-contained library; a linker map
# (libtelegate.map next to it) says what each input contributed.
function(telegate_self_contained target)
  if(NOT TELEGATE_SELF_CONTAINED)
    return()
  endif()
  target_link_options(${target} PRIVATE
    LINKER:--gc-sections LINKER:--exclude-libs,ALL
    LINKER:-Map=$<TARGET_FILE_DIR:${target}>/lib${target}.map)
endfunction()
