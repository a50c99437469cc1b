// Scripted<T>: the answer a fake platform source gives, settable by the test,
// and how many times it was asked.
#ifndef TELEGATE_TESTS_FAKES_SCRIPTED_H_
#define TELEGATE_TESTS_FAKES_SCRIPTED_H_

#include <mutex>
#include <thread>
#include <utility>

#include "absl/status/statusor.h"

namespace telegate::testing {

// Thread-safe.
template <typename T>
class Scripted {
 public:
  explicit Scripted(T value) : result_(std::move(value)) {}

  // Counts the call and returns the scripted answer.
  absl::StatusOr<T> Next() {
    std::lock_guard<std::mutex> lock(mu_);
    ++calls_;
    last_thread_ = std::this_thread::get_id();
    return result_;
  }
  void Set(absl::StatusOr<T> result) {
    std::lock_guard<std::mutex> lock(mu_);
    result_ = std::move(result);
  }
  int calls() const {
    std::lock_guard<std::mutex> lock(mu_);
    return calls_;
  }
  // The thread of the last call (default id if never called).
  std::thread::id last_thread() const {
    std::lock_guard<std::mutex> lock(mu_);
    return last_thread_;
  }

 private:
  mutable std::mutex mu_;
  absl::StatusOr<T> result_;
  int calls_ = 0;
  std::thread::id last_thread_;
};

}  // namespace telegate::testing

#endif  // TELEGATE_TESTS_FAKES_SCRIPTED_H_
