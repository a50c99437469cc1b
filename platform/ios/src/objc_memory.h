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
//   return TG_AUTORELEASE([[TGDropCounts alloc] initInternal]);
#ifndef TELEGATE_PLATFORM_IOS_SRC_OBJC_MEMORY_H_
#define TELEGATE_PLATFORM_IOS_SRC_OBJC_MEMORY_H_

#if __has_feature(objc_arc)
#define TG_RETAIN(x) (x)
#define TG_RELEASE(x) ((void)0)
#define TG_AUTORELEASE(x) (x)
#define TG_SUPER_DEALLOC() ((void)0)
// A heap copy of a block (ARC copies blocks it stores).
#define TG_BLOCK_COPY(b) (b)
#else
#define TG_RETAIN(x) ([(x) retain])
#define TG_RELEASE(x) ([(x) release])
#define TG_AUTORELEASE(x) ([(x) autorelease])
#define TG_SUPER_DEALLOC() [super dealloc]
#define TG_BLOCK_COPY(b) ([(b) copy])
#endif

#endif  // TELEGATE_PLATFORM_IOS_SRC_OBJC_MEMORY_H_
