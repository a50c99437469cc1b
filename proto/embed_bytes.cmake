# Turns a binary file into a C++ source defining
#   namespace NAMESPACE { extern const unsigned char SYMBOL[]; extern const size_t SYMBOLSize; }
# Usage: cmake -DINPUT=f.bin -DOUTPUT=f.cc -DSYMBOL=kName [-DNAMESPACE=ns] -P embed_bytes.cmake
# NAMESPACE defaults to telegate::catalog_internal.
if(NOT NAMESPACE)
  set(NAMESPACE telegate::catalog_internal)
endif()
file(READ "${INPUT}" _hex HEX)
string(LENGTH "${_hex}" _len)
math(EXPR _size "${_len} / 2")
if(_size EQUAL 0)
  message(FATAL_ERROR "embed_bytes: '${INPUT}' is empty or missing")
endif()
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," _bytes "${_hex}")
string(REGEX REPLACE "((0x[0-9a-f][0-9a-f],){16})" "\\1\n  " _bytes "${_bytes}")
file(WRITE "${OUTPUT}"
"// Generated from ${INPUT}; do not edit.\n"
"#include <cstddef>\n"
"namespace ${NAMESPACE} {\n"
"extern const unsigned char ${SYMBOL}[];\n"
"extern const std::size_t ${SYMBOL}Size;\n"
"const unsigned char ${SYMBOL}[] = {\n  ${_bytes}\n};\n"
"const std::size_t ${SYMBOL}Size = ${_size};\n"
"}  // namespace ${NAMESPACE}\n")
