// DispatchAsync: runs C++ work on a TGQueue (TGQueue.h) — dispatch_async on
// Apple, the queue's own thread with TGSerialQueue on GNUstep. The bridge
// hands observers' deliveries over with it.
//
//   DispatchAsync(queue, [change, block] { block.get()(change.get()); });
//
// Thread-safe. `work` must capture Objective-C objects through ObjcRef /
// ObjcBlockRef (objc_ref.h), never as raw pointers.
#ifndef TELEGATE_PLATFORM_IOS_SRC_QUEUE_DISPATCH_H_
#define TELEGATE_PLATFORM_IOS_SRC_QUEUE_DISPATCH_H_

#import <Foundation/Foundation.h>

#include <functional>

#import "Telegate/TGQueue.h"

#if !TG_HAS_DISPATCH
@interface TGSerialQueue (TGDispatch)
// Runs `work` after every block and function added before it.
- (void)tg_enqueue:(std::function<void()>)work;
@end
#endif

namespace telegate::ios_internal {

void DispatchAsync(TGQueue queue, std::function<void()> work);

}  // namespace telegate::ios_internal

#endif  // TELEGATE_PLATFORM_IOS_SRC_QUEUE_DISPATCH_H_
