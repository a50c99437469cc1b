// TGQueue: the queue on which a status observer's block runs.
//
// On Apple platforms it is a dispatch queue (dispatch_get_main_queue(), or
// one of the app's own). Debian 12 packages no libdispatch and its GNUstep
// Base is built without one, so on GNUstep a TGQueue is a TGSerialQueue: a
// minimal serial queue with one thread of its own, used only there (tests
// and Linux builds of the bridge).
//
//   // iOS
//   [client addStatusObserverOnQueue:dispatch_get_main_queue()
//                         usingBlock:^(TGCategoryChange *change) { ... }
//                              error:&error];
//   // GNUstep
//   TGSerialQueue *queue = [[TGSerialQueue alloc] initWithLabel:@"ui"];
#ifndef TELEGATE_TG_QUEUE_H_
#define TELEGATE_TG_QUEUE_H_

#import <Telegate/TGDefines.h>

#if TG_HAS_DISPATCH

#include <dispatch/dispatch.h>
typedef dispatch_queue_t TGQueue;

#else  // GNUstep

NS_ASSUME_NONNULL_BEGIN

// A serial queue: blocks run one at a time, in the order they were added,
// on one thread the queue owns. An Objective-C exception escaping a block is
// caught and dropped so the queue keeps running.
//
// Threading: thread-safe. Releasing the last reference lets the queue's
// thread finish the blocks already added, then exit.
TG_EXPORT
@interface TGSerialQueue : NSObject {
 @private
  NSString *_label;
  void *_impl;
}
- (instancetype)initWithLabel:(NSString *)label NS_DESIGNATED_INITIALIZER;
- (instancetype)init TG_UNAVAILABLE;
+ (instancetype)new TG_UNAVAILABLE;
@property(nonatomic, readonly, copy) NSString *label;
// Runs `block` on the queue's thread, after every block added before it.
- (void)async:(void (^)(void))block;
// Adds `block` and waits until it has run. Called from a block running on
// this queue, runs `block` at once (waiting would never end).
- (void)sync:(void (^)(void))block;
// YES when called from a block running on this queue.
@property(nonatomic, readonly, getter=isCurrent) BOOL current;
@end

typedef TGSerialQueue *TGQueue;

NS_ASSUME_NONNULL_END

#endif  // TG_HAS_DISPATCH

#endif  // TELEGATE_TG_QUEUE_H_
