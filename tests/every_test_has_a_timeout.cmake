# Fails when any ctest test of the build has no TIMEOUT property (a hang
# would then eat the CI budget instead of failing by name). Run by ctest:
#   cmake -DCTEST=... -DBUILD_DIR=... -P every_test_has_a_timeout.cmake
# ctest writes Testing/Temporary/LastTest.log even for --show-only: list the
# tests from a copy of the build tree's CTestTestfile.cmake files (they
# include the real tree's files by absolute path), so that the log of the
# ctest run this check is part of is left alone.
set(listing "${BUILD_DIR}/Testing/timeout-check")
file(REMOVE_RECURSE "${listing}")
file(GLOB_RECURSE testfiles RELATIVE "${BUILD_DIR}"
     "${BUILD_DIR}/CTestTestfile.cmake" "${BUILD_DIR}/*/CTestTestfile.cmake")
foreach(f ${testfiles})
  if(NOT f MATCHES "^Testing/")
    get_filename_component(d "${listing}/${f}" DIRECTORY)
    file(COPY "${BUILD_DIR}/${f}" DESTINATION "${d}")
  endif()
endforeach()
execute_process(COMMAND ${CTEST} --show-only=json-v1 --test-dir ${listing}
                WORKING_DIRECTORY ${listing}
                OUTPUT_VARIABLE json RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "ctest --show-only failed (${rc})")
endif()
string(JSON count LENGTH "${json}" tests)
if(count LESS 2)
  message(FATAL_ERROR "only ${count} tests listed: the check sees nothing")
endif()
# Fast path: each test carries at most one TIMEOUT property, so as many
# positive TIMEOUTs as tests means every test has one. Names are only looked
# up (slowly: string(JSON) re-parses the whole text per lookup) on failure.
string(REGEX MATCHALL "\"name\"[ \t\n]*:[ \t\n]*\"TIMEOUT\",[ \t\n]*\"value\"[ \t\n]*:[ \t\n]*[1-9]"
       timeouts "${json}")
list(LENGTH timeouts ntimeouts)
if(ntimeouts EQUAL count)
  message(STATUS "all ${count} tests have a TIMEOUT")
  return()
endif()
set(missing "")
math(EXPR last "${count} - 1")
foreach(i RANGE ${last})
  string(JSON name GET "${json}" tests ${i} name)
  set(has_timeout FALSE)
  string(JSON nprops ERROR_VARIABLE no_props LENGTH "${json}" tests ${i} properties)
  if(NOT no_props AND nprops GREATER 0)
    math(EXPR plast "${nprops} - 1")
    foreach(j RANGE ${plast})
      string(JSON pname GET "${json}" tests ${i} properties ${j} name)
      if(pname STREQUAL "TIMEOUT")
        string(JSON value GET "${json}" tests ${i} properties ${j} value)
        if(value GREATER 0)
          set(has_timeout TRUE)
        endif()
      endif()
    endforeach()
  endif()
  if(NOT has_timeout)
    list(APPEND missing "${name}")
  endif()
endforeach()
if(missing)
  list(LENGTH missing n)
  list(JOIN missing "\n  " names)
  message(FATAL_ERROR "${n} of ${count} tests have no TIMEOUT:\n  ${names}")
endif()
message(STATUS "all ${count} tests have a TIMEOUT")
