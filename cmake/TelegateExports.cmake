# Only the API is exported: a linker version script (exports.map) makes every
# symbol local except the public C++ API, the JNI entry points and the
# Objective-C classes of the bridges. Compiling with -fvisibility=hidden
# hides our own internals; the script also hides what visibility cannot: the
# weak std:: template instantiations and any statically linked dependency.
#
#   telegate_export_only_api(<shared library target>)
#   telegate_add_export_test(<target> REQUIRE <regex>... [ALLOW <regex>...]
#                            [NAME <test name>])   (in tests/)

set(TELEGATE_EXPORTS_MAP ${CMAKE_CURRENT_LIST_DIR}/exports.map)

function(telegate_export_only_api target)
  target_link_options(${target} PRIVATE
    "LINKER:--version-script=${TELEGATE_EXPORTS_MAP}")
  set_property(TARGET ${target} APPEND PROPERTY LINK_DEPENDS
    ${TELEGATE_EXPORTS_MAP})
endfunction()

# A ctest test that lists the dynamic symbols <target> defines and fails on
# any outside the allow-list (tests/packaging/check_exports.cmake; ALLOW
# replaces the default list, the whole API), and unless each REQUIRE regex
# (mangled names) matches one of them. NAME defaults to
# ExportedSymbolsAreTheApi.<target>.
function(telegate_add_export_test target)
  cmake_parse_arguments(PARSE_ARGV 1 ARG "" "NAME" "REQUIRE;ALLOW")
  if(NOT ARG_NAME)
    set(ARG_NAME ExportedSymbolsAreTheApi.${target})
  endif()
  find_program(TELEGATE_CXXFILT NAMES ${CMAKE_LIBRARY_ARCHITECTURE}-c++filt c++filt)
  add_test(NAME ${ARG_NAME}
    COMMAND ${CMAKE_COMMAND} -DNM=${CMAKE_NM} -DCXXFILT=${TELEGATE_CXXFILT}
            -DLIBRARY=$<TARGET_FILE:${target}> "-DREQUIRE=${ARG_REQUIRE}"
            "-DALLOW=${ARG_ALLOW}"
            -P ${PROJECT_SOURCE_DIR}/tests/packaging/check_exports.cmake)
  set_tests_properties(${ARG_NAME} PROPERTIES TIMEOUT ${TELEGATE_TEST_TIMEOUT})
endfunction()
