#include "queue_dispatch.h"

#include <utility>

namespace telegate::ios_internal {

void DispatchAsync(TGQueue queue, std::function<void()> work) {
#if TG_HAS_DISPATCH
  // Apple: the block copies `work` (a C++ object) when GCD copies the block.
  dispatch_async(queue, ^{
    work();
  });
#else
  [queue tg_enqueue:std::move(work)];
#endif
}

}  // namespace telegate::ios_internal
