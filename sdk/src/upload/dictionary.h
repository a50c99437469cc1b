// The zstd dictionary the library ships for upload batches: trained at build
// time on representative events (proto/dictionary/) and embedded.
//
//   ZSTD_CDict* dict = ZSTD_createCDict(EventDictionary().data(),
//                                       EventDictionary().size(), level);
#ifndef TELEGATE_UPLOAD_DICTIONARY_H_
#define TELEGATE_UPLOAD_DICTIONARY_H_

#include <cstdint>

#include "absl/strings/string_view.h"

namespace telegate::upload_internal {

// The dictionary bytes (static storage).
absl::string_view EventDictionary();
// Its zstd dictID, as written in every frame and batch header that uses it.
uint32_t EventDictionaryId();

}  // namespace telegate::upload_internal

#endif  // TELEGATE_UPLOAD_DICTIONARY_H_
