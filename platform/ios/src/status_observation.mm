#include "status_observation.h"

#include <string>
#include <utility>

#include "objc_memory.h"
#include "objc_ref.h"
#include "queue_dispatch.h"
#include "seam_guard.h"

@interface TGCategoryChange (Internal)
- (instancetype)initWithChange:(const telegate::CategoryChange&)change;
@end

namespace telegate::ios_internal {

void ObservationState::Attach(Client* client, uint64_t id) {
  std::lock_guard<std::mutex> lock(mu_);
  client_ = client;
  id_ = id;
}

void ObservationState::Detach() {
  std::lock_guard<std::mutex> lock(mu_);
  client_ = nullptr;
}

void ObservationState::Invalidate() {
  valid_.store(false, std::memory_order_release);
  std::lock_guard<std::mutex> lock(mu_);
  if (client_ != nullptr) {
    // Waits for a C++ callback in progress (which only queues a delivery);
    // kNotFound once the client closed: nothing left to remove.
    client_->RemoveStatusObserver(id_).IgnoreError();
    client_ = nullptr;
  }
}

StatusObserver MakeObjcStatusObserver(std::shared_ptr<ObservationState> state, TGQueue queue,
                                      TGStatusObserverBlock block) {
  return [state = std::move(state), queue = ObjcRef<TGQueue>(queue),
          block = ObjcBlockRef<TGStatusObserverBlock>(block)](const CategoryChange& change) {
    if (!state->valid()) return;
    std::string thrown;
    // The notification thread has no autorelease pool; this gives it one.
    CatchObjcException(
        [&] {
          ObjcRef<TGCategoryChange*> objc_change(
              TG_AUTORELEASE([[TGCategoryChange alloc] initWithChange:change]));
          DispatchAsync(queue.get(), [state, block, objc_change] {
            if (state->valid()) block.get()(objc_change.get());
          });
        },
        &thrown);
  };
}

}  // namespace telegate::ios_internal
