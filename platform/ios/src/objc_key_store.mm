#include "objc_key_store.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "seam_guard.h"
#include "status_convert.h"
#include "string_convert.h"

namespace telegate::ios_internal {
namespace {

// The key in `data` as SecretBytes; wipes `data` when it is mutable.
absl::StatusOr<SecretBytes> TakeKey(NSData* data, absl::string_view what) {
  if (![data isKindOfClass:[NSData class]]) {
    return absl::InternalError(absl::StrCat(what, " returned a ", ClassName(data), ", not NSData"));
  }
  const NSUInteger length = [data length];
  SecretBytes key([data bytes], length);
  if ([data isKindOfClass:[NSMutableData class]]) {
    [static_cast<NSMutableData*>(data) resetBytesInRange:NSMakeRange(0, length)];
  }
  if (length != KeyStore::kKeySize) {
    return absl::DataLossError(
        absl::StrCat(what, " returned ", length, " bytes, not ", KeyStore::kKeySize));
  }
  return key;
}

// Runs `fetch` (a store call returning key bytes or nil with an error)
// and takes its key.
template <typename Fetch>
absl::StatusOr<SecretBytes> FetchKey(absl::string_view what, Fetch&& fetch) {
  absl::StatusOr<SecretBytes> result = absl::InternalError("not run");
  std::string thrown;
  if (!CatchObjcException(
          [&] {
            NSError* error = nil;
            NSData* data = fetch(&error);
            result = data != nil ? TakeKey(data, what)
                                 : absl::StatusOr<SecretBytes>(FromNSError(error, what));
          },
          &thrown)) {
    return SeamThrew(what, thrown);
  }
  return result;
}

}  // namespace

absl::StatusOr<SecretBytes> ObjcKeyStore::Get(absl::string_view name) {
  return FetchKey("key store -keyNamed:error:", [&](NSError** error) {
    return [store_.get() keyNamed:ToNSString(name) error:error];
  });
}

absl::StatusOr<SecretBytes> ObjcKeyStore::Create(absl::string_view name) {
  return FetchKey("key store -createKeyNamed:error:", [&](NSError** error) {
    return [store_.get() createKeyNamed:ToNSString(name) error:error];
  });
}

absl::Status ObjcKeyStore::Destroy(absl::string_view name) {
  constexpr absl::string_view kWhat = "key store -destroyKeyNamed:error:";
  absl::Status result;
  std::string thrown;
  if (!CatchObjcException(
          [&] {
            NSError* error = nil;
            if (![store_.get() destroyKeyNamed:ToNSString(name) error:&error]) {
              result = FromNSError(error, kWhat);
            }
          },
          &thrown)) {
    return SeamThrew(kWhat, thrown);
  }
  return result;
}

}  // namespace telegate::ios_internal
