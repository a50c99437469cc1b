#include "upload/dictionary.h"

#include <zdict.h>

#include <cstddef>

namespace telegate::dictionary_internal {
extern const unsigned char kEventDictionary[];
extern const std::size_t kEventDictionarySize;
}  // namespace telegate::dictionary_internal

namespace telegate::upload_internal {

absl::string_view EventDictionary() {
  return absl::string_view(
      reinterpret_cast<const char*>(dictionary_internal::kEventDictionary),
      dictionary_internal::kEventDictionarySize);
}

uint32_t EventDictionaryId() {
  static const uint32_t id = ZDICT_getDictID(
      dictionary_internal::kEventDictionary,
      dictionary_internal::kEventDictionarySize);
  return id;
}

}  // namespace telegate::upload_internal
