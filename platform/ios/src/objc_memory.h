// Reference counting that compiles both with ARC (iOS builds) and without it
// (the GNUstep build on Linux, whose GNU runtime has no ARC).
//
// Shared files never call retain / release / autorelease / [super dealloc]
// directly: they use these macros, which are no-ops under ARC.
//
//   - (void)dealloc {
//     TG_RELEASE(_name);
//     TG_SUPER_DEALLOC();
//   }
//   return TG_AUTORELEASE([[TGDropCounts alloc] initWithCounts:counts]);
#ifndef TELEGATE_PLATFORM_IOS_SRC_OBJC_MEMORY_H_
#define TELEGATE_PLATFORM_IOS_SRC_OBJC_MEMORY_H_

#include <Block.h>

#if __has_feature(objc_arc)
#define TG_RETAIN(x) (x)
#define TG_RELEASE(x) ((void)0)
#define TG_AUTORELEASE(x) (x)
#define TG_SUPER_DEALLOC() ((void)0)
#else
#define TG_RETAIN(x) ([(x) retain])
#define TG_RELEASE(x) ([(x) release])
#define TG_AUTORELEASE(x) ([(x) autorelease])
#define TG_SUPER_DEALLOC() [super dealloc]
#endif

// Blocks: on GNUstep with GCC's runtime (Debian 12) a block is not an
// Objective-C object: sending it -copy or -retain crashes, and the blocks
// runtime (libBlocksRuntime) does not retain the Objective-C objects a
// block captures. So shared code keeps blocks with ObjcBlockRef (objc_ref.h,
// Block_copy / Block_release without ARC) and never lets a block it
// creates capture an Objective-C object directly: it captures an ObjcRef.

#endif  // TELEGATE_PLATFORM_IOS_SRC_OBJC_MEMORY_H_
