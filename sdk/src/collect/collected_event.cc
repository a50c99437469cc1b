#include "collect/collected_event.h"

#include <openssl/crypto.h>

#include <cmath>

namespace telegate::collect_internal {

absl::string_view CollectedEvent::Keep(absl::string_view s) {
  storage_.emplace_back(s);
  return storage_.back();
}

void CollectedEvent::AddString(absl::string_view key, absl::string_view value) {
  if (value.empty()) return;
  absl::string_view k = Keep(key);
  attributes_.emplace_back(k, Keep(value));
}

void CollectedEvent::AddInt(absl::string_view key, int64_t value) {
  attributes_.emplace_back(Keep(key), static_cast<long long>(value));  // NOLINT
}

void CollectedEvent::AddInt(absl::string_view key,
                            const std::optional<int64_t>& value) {
  if (value) AddInt(key, *value);
}

void CollectedEvent::AddDouble(absl::string_view key, double value) {
  if (!std::isfinite(value)) return;
  attributes_.emplace_back(Keep(key), value);
}

void CollectedEvent::AddDouble(absl::string_view key,
                               const std::optional<double>& value) {
  if (value) AddDouble(key, *value);
}

void CollectedEvent::Wipe() {
  for (std::string& s : storage_) {
    if (!s.empty()) OPENSSL_cleanse(&s[0], s.size());
  }
}

}  // namespace telegate::collect_internal
