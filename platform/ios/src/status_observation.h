// The Objective-C status observer over the C++ one: a block and the queue
// it runs on, registered with Client::AddStatusObserver.
//
// The C++ observer runs on the client's notification thread; it builds a
// TGCategoryChange there and hands the block's call to the app's queue
// (DispatchAsync), so a slow block never holds up the client. The
// ObservationState is shared by the C++ observer, the queued deliveries,
// the TGStatusObservation handle and the TGClient:
//   - invalidate clears `valid` (no delivery starts afterwards) and removes
//     the C++ observer if the client is still there;
//   - the TGClient detaches every state before it destroys the C++ client,
//     so a handle that outlives its client never calls into it.
//
// Thread-safe.
#ifndef TELEGATE_PLATFORM_IOS_SRC_STATUS_OBSERVATION_H_
#define TELEGATE_PLATFORM_IOS_SRC_STATUS_OBSERVATION_H_

#import <Foundation/Foundation.h>

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>

#import "Telegate/TGCategoryChange.h"
#import "Telegate/TGQueue.h"
#include "telegate/client.h"
#include "telegate/status_observer.h"

namespace telegate::ios_internal {

class ObservationState {
 public:
  // False once invalidated: deliveries check it before running the block.
  bool valid() const { return valid_.load(std::memory_order_acquire); }

  // Records the registration (AddStatusObserver's id on `client`).
  void Attach(Client* client, uint64_t id);
  // The client is about to be destroyed: never call it again.
  void Detach();
  // Stops deliveries and unregisters. Idempotent; may run on the queue,
  // inside the block.
  void Invalidate();

 private:
  std::atomic<bool> valid_{true};
  std::mutex mu_;
  Client* client_ = nullptr;  // guarded by mu_; null when detached
  uint64_t id_ = 0;           // guarded by mu_
};

// The C++ observer that delivers to `block` on `queue` while `state` is
// valid. Retains the block (a heap copy) and the queue.
StatusObserver MakeObjcStatusObserver(std::shared_ptr<ObservationState> state, TGQueue queue,
                                      TGStatusObserverBlock block);

}  // namespace telegate::ios_internal

@interface TGStatusObservation (Internal)
- (instancetype)initWithState:(std::shared_ptr<telegate::ios_internal::ObservationState>)state;
@end

#endif  // TELEGATE_PLATFORM_IOS_SRC_STATUS_OBSERVATION_H_
