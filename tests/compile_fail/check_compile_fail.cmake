# Proves that code skipping the consent gate does not compile: the control
# file (which goes through the Gate) must compile, the forging file must fail
# with an access error. Run by ctest:
#   cmake -DCXX=... -DFLAGS=... -DGOOD=... -DBAD=... -P check_compile_fail.cmake
separate_arguments(flags UNIX_COMMAND "${FLAGS}")
execute_process(COMMAND ${CXX} -std=c++17 -fsyntax-only ${flags} ${GOOD}
                RESULT_VARIABLE good_rc ERROR_VARIABLE good_err)
if(NOT good_rc EQUAL 0)
  message(FATAL_ERROR "control file does not compile (the check is broken):\n${good_err}")
endif()
execute_process(COMMAND ${CXX} -std=c++17 -fsyntax-only ${flags} ${BAD}
                RESULT_VARIABLE bad_rc ERROR_VARIABLE bad_err)
if(bad_rc EQUAL 0)
  message(FATAL_ERROR "forging a GrantToken compiled; the gate can be skipped")
endif()
if(NOT bad_err MATCHES "private")
  message(FATAL_ERROR "forging failed for another reason than access:\n${bad_err}")
endif()
message(STATUS "forging a GrantToken does not compile (private constructor)")
