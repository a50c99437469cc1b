# The Android seams may use only what android.jar has: fails if a source
# under DIR constructs or subclasses a class whose constructor exists only
# in the stubs (STUB_ONLY), or calls a stub-only member (named stub...).
#   cmake -DDIR=platform/android/java/android -DSTUB_ONLY=.../STUB_ONLY.txt -P check_real_api.cmake
file(STRINGS ${STUB_ONLY} classes REGEX "^[A-Za-z]")
file(GLOB_RECURSE sources ${DIR}/*.java)
if(NOT sources)
  message(FATAL_ERROR "no sources under ${DIR}")
endif()
set(problems "")
foreach(source IN LISTS sources)
  file(READ ${source} text)
  foreach(class IN LISTS classes)
    if(text MATCHES "new[ \t\n]+([a-z.]*\\.)?${class}[ \t\n]*\\(" OR
       text MATCHES "extends[ \t\n]+([a-z.]*\\.)?${class}[^A-Za-z0-9_]")
      string(APPEND problems "\n  ${source}: makes its own ${class} (the framework does on a device)")
    endif()
  endforeach()
  if(text MATCHES "[^A-Za-z0-9_]stub[A-Z][A-Za-z0-9_]*[ \t]*\\(")
    string(APPEND problems "\n  ${source}: calls a stub-only member")
  endif()
endforeach()
if(problems)
  message(FATAL_ERROR "The Android seams use stub-only API:${problems}")
endif()
list(LENGTH sources n)
message(STATUS "${n} Android sources use only the real API")
