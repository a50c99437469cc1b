// FakeKeyStore: an in-memory KeyStore with fault injection and call counts.
#ifndef TELEGATE_TESTS_FAKES_FAKE_KEY_STORE_H_
#define TELEGATE_TESTS_FAKES_FAKE_KEY_STORE_H_

#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "telegate/key_store.h"

namespace telegate::testing {

// Thread-safe.
class FakeKeyStore : public KeyStore {
 public:
  absl::StatusOr<SecretBytes> Get(absl::string_view name) override {
    std::lock_guard<std::mutex> lock(mu_);
    ++gets_;
    if (!fail_get_.ok()) return fail_get_;
    auto it = keys_.find(std::string(name));
    if (it == keys_.end()) {
      return absl::NotFoundError(absl::StrCat("no key ", name));
    }
    return SecretBytes(it->second.data(), it->second.size());
  }
  absl::StatusOr<SecretBytes> Create(absl::string_view name) override {
    std::lock_guard<std::mutex> lock(mu_);
    ++creates_;
    if (!fail_create_.ok()) return fail_create_;
    if (keys_.count(std::string(name))) {
      return absl::AlreadyExistsError(absl::StrCat("key ", name));
    }
    SecretBytes key = SecretBytes::Random(kKeySize);
    keys_[std::string(name)] =
        std::string(reinterpret_cast<const char*>(key.data()), key.size());
    return key;
  }
  absl::Status Destroy(absl::string_view name) override {
    std::lock_guard<std::mutex> lock(mu_);
    ++destroys_;
    destroyed_.push_back(std::string(name));
    keys_.erase(std::string(name));
    return absl::OkStatus();
  }

  // Test controls.
  void FailGet(absl::Status s) {
    std::lock_guard<std::mutex> lock(mu_);
    fail_get_ = std::move(s);
  }
  void FailCreate(absl::Status s) {
    std::lock_guard<std::mutex> lock(mu_);
    fail_create_ = std::move(s);
  }
  // Replaces a key's bytes (a "wrong key").
  void Put(const std::string& name, const std::string& bytes) {
    std::lock_guard<std::mutex> lock(mu_);
    keys_[name] = bytes;
  }
  bool Has(const std::string& name) {
    std::lock_guard<std::mutex> lock(mu_);
    return keys_.count(name) > 0;
  }
  size_t size() {
    std::lock_guard<std::mutex> lock(mu_);
    return keys_.size();
  }
  int creates() {
    std::lock_guard<std::mutex> lock(mu_);
    return creates_;
  }
  std::vector<std::string> destroyed() {
    std::lock_guard<std::mutex> lock(mu_);
    return destroyed_;
  }

 private:
  std::mutex mu_;
  std::map<std::string, std::string> keys_;
  absl::Status fail_get_;
  absl::Status fail_create_;
  int gets_ = 0, creates_ = 0, destroys_ = 0;
  std::vector<std::string> destroyed_;
};

}  // namespace telegate::testing

#endif  // TELEGATE_TESTS_FAKES_FAKE_KEY_STORE_H_
