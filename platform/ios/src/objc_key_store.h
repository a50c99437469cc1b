// ObjcKeyStore: the C++ KeyStore seam over an app's id<TGKeyStore>.
//
// Key bytes are copied into a SecretBytes (wiped when freed); an
// NSMutableData the store returned is overwritten after the copy. Errors
// keep their TGErrorDomain code (TGErrorNotFound is how a missing key is
// told apart); an exception becomes kInternal.
//
// Thread-safe if the app's store is.
#ifndef TELEGATE_PLATFORM_IOS_SRC_OBJC_KEY_STORE_H_
#define TELEGATE_PLATFORM_IOS_SRC_OBJC_KEY_STORE_H_

#import <Foundation/Foundation.h>

#import "Telegate/TGKeyStore.h"
#include "objc_ref.h"
#include "telegate/key_store.h"

namespace telegate::ios_internal {

class ObjcKeyStore : public KeyStore {
 public:
  explicit ObjcKeyStore(id<TGKeyStore> store) : store_(store) {}

  absl::StatusOr<SecretBytes> Get(absl::string_view name) override;
  absl::StatusOr<SecretBytes> Create(absl::string_view name) override;
  absl::Status Destroy(absl::string_view name) override;

 private:
  ObjcRef<id<TGKeyStore>> store_;
};

}  // namespace telegate::ios_internal

#endif  // TELEGATE_PLATFORM_IOS_SRC_OBJC_KEY_STORE_H_
