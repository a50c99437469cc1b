// GNUstep Base's headers, when clang compiles with -fblocks, include
// <objc/blocks_runtime.h>, which only the libobjc2 runtime ships. Debian 12's
// GNUstep uses GCC's libobjc; its blocks runtime is libBlocksRuntime
// (libblocksruntime-dev), whose header is <Block.h>. Used only by the Linux
// build (platform/ios/CMakeLists.txt).
#include <Block.h>
