# The installed SDK as a host app's build sees it (tests/packaging/CMakeLists.txt):
# `cmake --install` into WORK_DIR/prefix, then examples/consumer built
# against that prefix with find_package(telegate) and, separately, with the
# flags `pkg-config telegate` gives; each program must print "ok".
function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc
    OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    string(REPLACE ";" " " command "${ARGN}")
    message(FATAL_ERROR "failed (${rc}): ${command}\n${out}\n${err}")
  endif()
  set(run_output "${out}" PARENT_SCOPE)
endfunction()

# Runs a consumer program (through the emulator in a cross build) on a
# fresh data directory; it must print exactly "ok".
function(run_consumer program data_dir)
  file(REMOVE_RECURSE ${data_dir})
  file(MAKE_DIRECTORY ${data_dir})
  run(${EMULATOR} ${program} ${data_dir})
  if(NOT run_output STREQUAL "ok\n")
    message(FATAL_ERROR "${program} printed: ${run_output}")
  endif()
endfunction()

set(prefix ${WORK_DIR}/prefix)
file(REMOVE_RECURSE ${WORK_DIR})
run(${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${prefix})
if(NOT EXISTS ${prefix}/include/telegate/telegate.h)
  message(FATAL_ERROR "the public headers were not installed")
endif()
if(EXISTS ${prefix}/include/telegate/store)
  message(FATAL_ERROR "private headers were installed")
endif()

# 1. CMake: find_package(telegate CONFIG REQUIRED), nothing else named.
set(configure ${CMAKE_COMMAND} -S ${CONSUMER_DIR} -B ${WORK_DIR}/build
    -G ${GENERATOR} -DCMAKE_BUILD_TYPE=${BUILD_TYPE}
    -DCMAKE_PREFIX_PATH=${prefix} -DCMAKE_CXX_COMPILER=${CXX})
if(TOOLCHAIN)
  list(APPEND configure -DCMAKE_TOOLCHAIN_FILE=${TOOLCHAIN})
endif()
if(LAUNCHER)
  list(APPEND configure -DCMAKE_CXX_COMPILER_LAUNCHER=${LAUNCHER})
endif()
if(FLAGS)
  list(APPEND configure -DCMAKE_CXX_FLAGS=${FLAGS}
       -DCMAKE_EXE_LINKER_FLAGS=${FLAGS})
endif()
run(${configure})
run(${CMAKE_COMMAND} --build ${WORK_DIR}/build)
run_consumer(${WORK_DIR}/build/telegate-consumer ${WORK_DIR}/data-cmake)

# 2. pkg-config: the same program from the .pc file's flags alone.
file(GLOB_RECURSE pc_files ${prefix}/telegate.pc)
if(NOT pc_files)
  message(FATAL_ERROR "no telegate.pc installed under ${prefix}")
endif()
get_filename_component(pc_dir ${pc_files} DIRECTORY)
set(ENV{PKG_CONFIG_PATH} ${pc_dir})
if(PKG_CONFIG_LIBDIR)
  set(ENV{PKG_CONFIG_LIBDIR} ${PKG_CONFIG_LIBDIR})
endif()
run(${PKG_CONFIG} --cflags telegate)
separate_arguments(cflags UNIX_COMMAND "${run_output}")
run(${PKG_CONFIG} --libs telegate)
separate_arguments(libs UNIX_COMMAND "${run_output}")
run(${PKG_CONFIG} --variable=libdir telegate)
string(STRIP "${run_output}" libdir)
separate_arguments(flags UNIX_COMMAND "${FLAGS}")
run(${CXX} -std=c++17 -Wall -Wextra -Werror ${flags} ${cflags}
    ${CONSUMER_DIR}/main.cc -o ${WORK_DIR}/telegate-consumer-pc
    ${libs} -Wl,-rpath,${libdir})
run_consumer(${WORK_DIR}/telegate-consumer-pc ${WORK_DIR}/data-pc)
message(STATUS "the consumer built and ran against ${prefix} (CMake and pkg-config)")
