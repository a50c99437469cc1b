// ObjcPermissionSource: the C++ PermissionSource seam over an app's
// id<TGPermissionSource>.
//
// A permission whose check throws an Objective-C exception counts as not
// granted (fail closed). When the app's source implements
// -setPermissionsChangedHandler:, the handler it gets forwards to the
// client's listener; the handler stays safe to call after the client closed
// (it then does nothing).
//
// Thread-safe.
#ifndef TELEGATE_PLATFORM_IOS_SRC_OBJC_PERMISSION_SOURCE_H_
#define TELEGATE_PLATFORM_IOS_SRC_OBJC_PERMISSION_SOURCE_H_

#import <Foundation/Foundation.h>

#include <memory>
#include <mutex>

#import "Telegate/TGPermissionSource.h"
#include "objc_ref.h"
#include "telegate/permission_source.h"

namespace telegate::ios_internal {

class ObjcPermissionSource : public PermissionSource {
 public:
  explicit ObjcPermissionSource(id<TGPermissionSource> source);
  ~ObjcPermissionSource() override;

  Platform platform() const override { return Platform::kIos; }
  // 0 if the source threw.
  int os_level() const override;
  bool IsGranted(absl::string_view permission) override;
  void SetListener(Listener* listener) override;

 private:
  // Shared with the handler block the app's source holds, which may outlive
  // this object.
  struct ListenerSlot {
    std::mutex mu;  // held while the listener runs
    Listener* listener = nullptr;
  };

  ObjcRef<id<TGPermissionSource>> source_;
  const std::shared_ptr<ListenerSlot> slot_ = std::make_shared<ListenerSlot>();
};

}  // namespace telegate::ios_internal

#endif  // TELEGATE_PLATFORM_IOS_SRC_OBJC_PERMISSION_SOURCE_H_
