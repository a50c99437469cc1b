# Installing Telegate for other builds: the shared library and the public
# headers, exported CMake targets, a package config that finds the
# dependencies itself, and a pkg-config file.
#
#   telegate::telegate      the library and sdk/include/ (the portable API)
#   telegate::<platform>    the platform's public headers (desktop:
#                           telegate/desktop/*.h) on top of telegate::telegate
#
# A consumer writes find_package(telegate CONFIG REQUIRED [COMPONENTS desktop])
# and links telegate::telegate; it never names abseil (examples/consumer/).
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

# What the public headers include, so what every consumer compiles against.
set(TELEGATE_PUBLIC_ABSL absl::status absl::statusor absl::strings absl::time
    absl::span)
set(TELEGATE_PUBLIC_ABSL_PC "absl_status absl_statusor absl_strings absl_time absl_span")

target_include_directories(telegate INTERFACE
  $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/sdk/include>
  $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>)
target_link_libraries(telegate INTERFACE ${TELEGATE_PUBLIC_ABSL})
add_library(telegate::telegate ALIAS telegate)

# The platform's public headers, if it has any (platform/<name>/include/).
# Generic over TELEGATE_PLATFORM: each platform folder brings its own.
set(_platform_include ${PROJECT_SOURCE_DIR}/platform/${TELEGATE_PLATFORM}/include)
add_library(telegate_platform_api INTERFACE)
set_target_properties(telegate_platform_api PROPERTIES
  EXPORT_NAME ${TELEGATE_PLATFORM})
target_link_libraries(telegate_platform_api INTERFACE telegate)
if(IS_DIRECTORY ${_platform_include})
  target_include_directories(telegate_platform_api INTERFACE
    $<BUILD_INTERFACE:${_platform_include}>
    $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>)
  install(DIRECTORY ${_platform_include}/ DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
endif()
add_library(telegate::${TELEGATE_PLATFORM} ALIAS telegate_platform_api)

install(TARGETS telegate telegate_platform_api EXPORT telegateTargets
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/sdk/include/
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})

set(_cmake_dir ${CMAKE_INSTALL_LIBDIR}/cmake/telegate)
install(EXPORT telegateTargets NAMESPACE telegate:: DESTINATION ${_cmake_dir})
configure_package_config_file(${CMAKE_CURRENT_LIST_DIR}/telegateConfig.cmake.in
  ${PROJECT_BINARY_DIR}/telegateConfig.cmake INSTALL_DESTINATION ${_cmake_dir})
# 0.x: a new minor version may break the API.
write_basic_package_version_file(${PROJECT_BINARY_DIR}/telegateConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/telegateConfig.cmake
              ${PROJECT_BINARY_DIR}/telegateConfigVersion.cmake
        DESTINATION ${_cmake_dir})

# pkg-config, relocatable: the prefix is found from the .pc file's place.
set(_pc_dir ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
file(RELATIVE_PATH TELEGATE_PC_TO_PREFIX /prefix/${_pc_dir} /prefix)
string(REGEX REPLACE "/$" "" TELEGATE_PC_TO_PREFIX "${TELEGATE_PC_TO_PREFIX}")
configure_file(${CMAKE_CURRENT_LIST_DIR}/telegate.pc.in
  ${PROJECT_BINARY_DIR}/telegate.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/telegate.pc DESTINATION ${_pc_dir})
