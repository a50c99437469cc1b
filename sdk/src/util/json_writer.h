// JsonWriter: builds one compact JSON value into a string, escaping as RFC
// 8259 requires. Used by telegate-inspect and the export formats. The text
// may be user data: it grows in secure memory (util/secure_memory.h), so the
// blocks it outgrows are wiped, and Take() hands out one exact-size copy.
//
//   JsonWriter w;
//   w.BeginObject();
//   w.Key("name"); w.String("fix");
//   w.Key("count"); w.Int(3);
//   w.EndObject();
//   std::string line = w.Take();   // {"name":"fix","count":3}
#ifndef TELEGATE_UTIL_JSON_WRITER_H_
#define TELEGATE_UTIL_JSON_WRITER_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "util/secure_memory.h"

namespace telegate::util_internal {

// Thread-compatible. The caller is responsible for balanced Begin/End calls
// and for calling Key before each value inside an object.
class JsonWriter {
 public:
  void BeginObject();
  void EndObject();
  void BeginArray();
  void EndArray();
  void Key(absl::string_view key);
  void String(absl::string_view value);
  void Int(int64_t value);
  void Double(double value);  // non-finite values are written as null
  void Bool(bool value);
  void Null();

  absl::string_view str() const { return out_; }
  // The text, in a string of its own; the writer's copy is wiped.
  std::string Take();

 private:
  void BeforeValue();
  void Escaped(absl::string_view s);

  util_internal::SecureString out_;
  // One entry per open container: true once it holds an element.
  std::vector<bool> has_element_;
  bool after_key_ = false;
};

}  // namespace telegate::util_internal

#endif  // TELEGATE_UTIL_JSON_WRITER_H_
