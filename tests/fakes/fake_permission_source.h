// FakePermissionSource: a scripted PermissionSource that counts the calls it
// receives, per permission.
#ifndef TELEGATE_TESTS_FAKES_FAKE_PERMISSION_SOURCE_H_
#define TELEGATE_TESTS_FAKES_FAKE_PERMISSION_SOURCE_H_

#include <atomic>
#include <functional>
#include <map>
#include <mutex>
#include <set>
#include <string>

#include "telegate/permission_source.h"

namespace telegate::testing {

// Thread-safe.
class FakePermissionSource : public PermissionSource {
 public:
  explicit FakePermissionSource(Platform platform = Platform::kAndroid,
                                int os_level = 34)
      : platform_(platform), os_level_(os_level) {}

  Platform platform() const override { return platform_; }
  int os_level() const override { return os_level_; }
  bool IsGranted(absl::string_view permission) override {
    bool granted;
    std::function<void(const std::string&)> hook;
    {
      std::lock_guard<std::mutex> lock(mu_);
      ++checks_[std::string(permission)];
      granted = granted_.count(std::string(permission)) > 0;
      hook = after_check_;
    }
    if (hook) hook(std::string(permission));
    return granted;
  }
  // Runs `hook` after each check has read its answer (on the checking
  // thread, no lock held): lets a test change the state in the middle of
  // a start-up that is reading it.
  void SetAfterCheck(std::function<void(const std::string&)> hook) {
    std::lock_guard<std::mutex> lock(mu_);
    after_check_ = std::move(hook);
  }
  void SetListener(Listener* listener) override {
    std::lock_guard<std::mutex> lock(listener_mu_);
    listener_ = listener;
  }

  // Changes the state without telling anyone (as the OS does to a process
  // that is not running).
  void SetQuietly(const std::string& permission, bool granted) {
    std::lock_guard<std::mutex> lock(mu_);
    if (granted) {
      granted_.insert(permission);
    } else {
      granted_.erase(permission);
    }
  }
  // Changes the state and notifies the listener before returning.
  void Set(const std::string& permission, bool granted) {
    SetQuietly(permission, granted);
    std::lock_guard<std::mutex> lock(listener_mu_);
    if (listener_) {
      ++notifications_;
      listener_->OnPermissionsChanged();
    }
  }
  // Notifications handed to a listener so far (counted as they start).
  int notifications() const { return notifications_.load(); }
  int checks(const std::string& permission) {
    std::lock_guard<std::mutex> lock(mu_);
    return checks_[permission];
  }
  bool has_listener() {
    std::lock_guard<std::mutex> lock(listener_mu_);
    return listener_ != nullptr;
  }

 private:
  const Platform platform_;
  const int os_level_;
  std::mutex mu_;
  std::set<std::string> granted_;
  std::map<std::string, int> checks_;
  std::function<void(const std::string&)> after_check_;
  std::atomic<int> notifications_{0};
  std::mutex listener_mu_;
  Listener* listener_ = nullptr;
};

}  // namespace telegate::testing

#endif  // TELEGATE_TESTS_FAKES_FAKE_PERMISSION_SOURCE_H_
