// TGSerialQueue: the GNUstep stand-in for a serial dispatch queue (see
// TGQueue.h). Built only where there is no libdispatch.
#import "Telegate/TGQueue.h"

#if !TG_HAS_DISPATCH

#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "objc_memory.h"
#include "objc_ref.h"
#include "queue_dispatch.h"
#include "seam_guard.h"

using telegate::ios_internal::CatchObjcException;
using telegate::ios_internal::ObjcBlockRef;

namespace {

// Shared by the queue object and its thread; the thread keeps it alive.
struct QueueState {
  std::mutex mu;
  std::condition_variable cv;
  std::deque<std::function<void()>> work;  // guarded by mu
  bool stop = false;                       // guarded by mu
};

struct QueueImpl {
  std::shared_ptr<QueueState> state = std::make_shared<QueueState>();
  std::thread thread;
};

void RunQueue(std::shared_ptr<QueueState> state) {
  for (;;) {
    bool more = true;
    @autoreleasepool {
      std::function<void()> next;
      {
        std::unique_lock<std::mutex> lock(state->mu);
        state->cv.wait(lock, [&] { return !state->work.empty() || state->stop; });
        if (state->work.empty()) {
          more = false;
        } else {
          next = std::move(state->work.front());
          state->work.pop_front();
        }
      }
      if (more) {
        std::string thrown;
        CatchObjcException([&] { next(); }, &thrown);
      }
      next = nullptr;  // what it captured is released inside the pool
    }
    if (!more) return;
  }
}

}  // namespace

@implementation TGSerialQueue

@synthesize label = _label;

- (instancetype)initWithLabel:(NSString*)label {
  if ((self = [super init])) {
    _label = [label copy];
    QueueImpl* impl = new QueueImpl;
    impl->thread = std::thread(RunQueue, impl->state);
    _impl = impl;
  }
  return self;
}

- (void)dealloc {
  QueueImpl* impl = static_cast<QueueImpl*>(_impl);
  {
    std::lock_guard<std::mutex> lock(impl->state->mu);
    impl->state->stop = true;
  }
  impl->state->cv.notify_all();
  // The last reference may be dropped by a block running on the queue.
  if (impl->thread.get_id() == std::this_thread::get_id()) {
    impl->thread.detach();
  } else {
    impl->thread.join();
  }
  delete impl;
  TG_RELEASE(_label);
  TG_SUPER_DEALLOC();
}

- (void)async:(void (^)(void))block {
  if (block == nil) return;
  [self tg_enqueue:[held = ObjcBlockRef<void (^)(void)>(block)] { held.get()(); }];
}

- (void)tg_enqueue:(std::function<void()>)work {
  QueueImpl* impl = static_cast<QueueImpl*>(_impl);
  {
    std::lock_guard<std::mutex> lock(impl->state->mu);
    impl->state->work.push_back(std::move(work));
  }
  impl->state->cv.notify_one();
}

- (void)sync:(void (^)(void))block {
  if (block == nil) return;
  if ([self isCurrent]) {
    block();
    return;
  }
  auto done = std::make_shared<std::pair<std::mutex, std::condition_variable>>();
  auto finished = std::make_shared<bool>(false);
  [self async:^{
    std::string thrown;  // dropped, as -async: drops it
    CatchObjcException([&] { block(); }, &thrown);
    std::lock_guard<std::mutex> lock(done->first);
    *finished = true;
    done->second.notify_all();
  }];
  std::unique_lock<std::mutex> lock(done->first);
  done->second.wait(lock, [&] { return *finished; });
}

- (BOOL)isCurrent {
  return static_cast<QueueImpl*>(_impl)->thread.get_id() == std::this_thread::get_id();
}

@end

#endif  // !TG_HAS_DISPATCH
