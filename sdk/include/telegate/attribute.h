// Attribute: one key/value pair of an event, passed to Client::Track.
//
// Attributes borrow their strings: they are views that only need to live for
// the duration of the Track call, so building them costs no allocation.
//
//   client->Track("log.search", "search",
//                 {{"query", query}, {"results", 12}, {"page", 1}});
#ifndef TELEGATE_ATTRIBUTE_H_
#define TELEGATE_ATTRIBUTE_H_

#include <cstdint>
#include <string>

#include "absl/strings/string_view.h"

namespace telegate {

// Thread-compatible value type; trivially copyable.
class Attribute {
 public:
  enum class Type { kString, kInt, kDouble, kBool };

  Attribute(absl::string_view key, absl::string_view value)
      : key_(key), type_(Type::kString), string_(value) {}
  Attribute(absl::string_view key, const char* value)
      : key_(key), type_(Type::kString), string_(value) {}
  Attribute(absl::string_view key, const std::string& value)
      : key_(key), type_(Type::kString), string_(value) {}
  Attribute(absl::string_view key, int value)
      : key_(key), type_(Type::kInt), int_(value) {}
  Attribute(absl::string_view key, long value)  // NOLINT(runtime/int)
      : key_(key), type_(Type::kInt), int_(value) {}
  Attribute(absl::string_view key, long long value)  // NOLINT(runtime/int)
      : key_(key), type_(Type::kInt), int_(value) {}
  Attribute(absl::string_view key, double value)
      : key_(key), type_(Type::kDouble), double_(value) {}
  Attribute(absl::string_view key, bool value)
      : key_(key), type_(Type::kBool), bool_(value) {}

  absl::string_view key() const { return key_; }
  Type type() const { return type_; }
  // Each accessor requires the matching type().
  absl::string_view string_value() const { return string_; }
  int64_t int_value() const { return int_; }
  double double_value() const { return double_; }
  bool bool_value() const { return bool_; }

 private:
  absl::string_view key_;
  Type type_;
  absl::string_view string_;
  int64_t int_ = 0;
  double double_ = 0;
  bool bool_ = false;
};

}  // namespace telegate

#endif  // TELEGATE_ATTRIBUTE_H_
