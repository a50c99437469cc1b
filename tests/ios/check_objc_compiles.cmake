# Compiles sources with -fsyntax-only and fails the test if any does not
# compile; with BAD, also checks that BAD (a negative control) does NOT
# compile under the same flags, so a check that silently stopped applying
# (e.g. ARC not enabled) fails too.
#
#   cmake -DCOMPILER=clang++ "-DFLAGS=a;b" "-DSOURCES=x.mm;y.mm" [-DBAD=z.mm]
#         -P check_objc_compiles.cmake
set(_failed "")
foreach(_src ${SOURCES})
  execute_process(COMMAND ${COMPILER} ${FLAGS} -fsyntax-only ${_src}
    RESULT_VARIABLE _rc ERROR_VARIABLE _err OUTPUT_VARIABLE _out)
  if(NOT _rc EQUAL 0)
    message("${_src} does not compile:\n${_err}")
    list(APPEND _failed ${_src})
  endif()
endforeach()
if(BAD)
  execute_process(COMMAND ${COMPILER} ${FLAGS} -fsyntax-only ${BAD}
    RESULT_VARIABLE _rc ERROR_QUIET OUTPUT_QUIET)
  if(_rc EQUAL 0)
    message("negative control ${BAD} compiled: the flags do not check "
            "what they should")
    list(APPEND _failed ${BAD})
  endif()
endif()
list(LENGTH SOURCES _n)
if(_failed)
  message(FATAL_ERROR "${_failed}")
endif()
message("${_n} file(s) compile")
