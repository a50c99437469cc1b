// The process-wide table of per-thread counter slot indexes.
#include "client/counters.h"

#include <pthread.h>

#include <cstdint>

#include "util/mutex.h"

namespace telegate::client_internal {
namespace {

static_assert(Counters::kThreadSlots == 64, "the table is one 64-bit mask");

void ReleaseThreadSlot(void* value);

// Thread-safe. Constructed on first use; trivially destructible, so it stays
// usable by threads that exit while the process does.
struct SlotTable {
  SlotTable() { key_ok = pthread_key_create(&key, &ReleaseThreadSlot) == 0; }

  Mutex mu;
  uint64_t used ABSL_GUARDED_BY(mu) = 0;  // bit i: slot i is taken
  pthread_key_t key;
  bool key_ok = false;
};

SlotTable& Table() {
  static SlotTable table;
  return table;
}

// Runs when a thread that took a slot exits (POSIX thread-specific data
// destructor: after that thread's thread_local destructors). The mutex
// orders the thread's last counter updates before the next owner's.
void ReleaseThreadSlot(void* value) {
  int* slot = static_cast<int*>(value);
  if (*slot >= 0) {
    SlotTable& table = Table();
    MutexLock lock(&table.mu);
    table.used &= ~(uint64_t{1} << *slot);
  }
  *slot = -1;
}

}  // namespace

void Counters::AssignThreadSlot(int* slot) {
  SlotTable& table = Table();
  int s = -1;
  {
    MutexLock lock(&table.mu);
    if (table.used != ~uint64_t{0}) {
      s = __builtin_ctzll(~table.used);
      table.used |= uint64_t{1} << s;
    }
  }
  // pthread_setspecific stores into the thread descriptor (no allocation
  // for the first keys of a process).
  if (s >= 0 && (!table.key_ok || pthread_setspecific(table.key, slot) != 0)) {
    MutexLock lock(&table.mu);
    table.used &= ~(uint64_t{1} << s);
    s = -1;
  }
  *slot = s;
}

}  // namespace telegate::client_internal
