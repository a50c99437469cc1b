# Fails unless every dynamic symbol LIBRARY defines is part of Telegate's
# binary interface (see cmake/exports.map), and each REQUIRE regex matches
# one of them (so an empty or broken export list cannot pass).
# ALLOW, if given, replaces the allow-list below.
#   cmake -DNM=nm -DLIBRARY=libtelegate.so [-DCXXFILT=c++filt]
#         "-DREQUIRE=regex;..." ["-DALLOW=regex;..."] -P check_exports.cmake
execute_process(COMMAND ${NM} -D --defined-only --format=posix ${LIBRARY}
  OUTPUT_VARIABLE listing RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${NM} failed on ${LIBRARY}")
endif()

# Mangled names: the telegate namespace (functions, const member functions,
# vtables, typeinfo, VTTs, thunks); JNI; Objective-C classes and constants.
set(allowed
  "^_ZNK?8telegate"
  "^_ZT[VIST]N8telegate"
  "^_ZT[hv]n?[0-9_n]+NK?8telegate"
  "^Java_"
  "^JNI_On(Load|Unload)$"
  "^__objc_class_name_TG"
  "^_?OBJC_(META)?CLASS_[$]_TG"
  "^TG[A-Z]")
if(ALLOW)
  set(allowed "${ALLOW}")
endif()
# Inside the namespace, private parts that must stay hidden.
set(forbidden "8telegate[0-9]+[a-z_]+_internal" "8telegate5proto")

string(REPLACE "\n" ";" lines "${listing}")
set(exported "")
set(leaks "")
foreach(line IN LISTS lines)
  if(line STREQUAL "")
    continue()
  endif()
  string(REGEX REPLACE " .*" "" name "${line}")
  list(APPEND exported "${name}")
  set(ok FALSE)
  foreach(pattern IN LISTS allowed)
    if(name MATCHES "${pattern}")
      set(ok TRUE)
    endif()
  endforeach()
  foreach(pattern IN LISTS forbidden)
    if(name MATCHES "${pattern}")
      set(ok FALSE)
    endif()
  endforeach()
  if(NOT ok)
    list(APPEND leaks "${name}")
  endif()
endforeach()

list(LENGTH exported count)
set(missing "")
foreach(pattern IN LISTS REQUIRE)
  set(found FALSE)
  foreach(name IN LISTS exported)
    if(name MATCHES "${pattern}")
      set(found TRUE)
      break()
    endif()
  endforeach()
  if(NOT found)
    list(APPEND missing "${pattern}")
  endif()
endforeach()

if(leaks)
  list(LENGTH leaks n)
  set(shown "${leaks}")
  if(CXXFILT)
    execute_process(COMMAND ${CXXFILT} ${leaks} OUTPUT_VARIABLE shown)
  endif()
  string(REPLACE ";" "\n" shown "${shown}")
  message(FATAL_ERROR
    "${LIBRARY} exports ${n} symbols outside the API (of ${count}):\n${shown}")
endif()
if(missing)
  message(FATAL_ERROR "${LIBRARY} does not export: ${missing} "
                      "(${count} symbols exported)")
endif()
message(STATUS "${LIBRARY}: ${count} symbols exported, all of them API")
