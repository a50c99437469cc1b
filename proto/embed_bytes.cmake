# Turns a binary file into a C++ source defining
#   namespace telegate::catalog_internal { extern const unsigned char SYMBOL[]; extern const size_t SYMBOLSize; }
# Usage: cmake -DINPUT=f.bin -DOUTPUT=f.cc -DSYMBOL=kName -P embed_bytes.cmake
file(READ "${INPUT}" _hex HEX)
string(LENGTH "${_hex}" _len)
math(EXPR _size "${_len} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," _bytes "${_hex}")
string(REGEX REPLACE "((0x[0-9a-f][0-9a-f],){16})" "\\1\n  " _bytes "${_bytes}")
file(WRITE "${OUTPUT}"
"// Generated from ${INPUT}; do not edit.\n"
"#include <cstddef>\n"
"namespace telegate::catalog_internal {\n"
"extern const unsigned char ${SYMBOL}[];\n"
"extern const std::size_t ${SYMBOL}Size;\n"
"const unsigned char ${SYMBOL}[] = {\n  ${_bytes}\n};\n"
"const std::size_t ${SYMBOL}Size = ${_size};\n"
"}  // namespace telegate::catalog_internal\n")
