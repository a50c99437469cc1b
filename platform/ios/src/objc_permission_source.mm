#include "objc_permission_source.h"

#include <string>

#include "seam_guard.h"
#include "string_convert.h"

namespace telegate::ios_internal {

ObjcPermissionSource::ObjcPermissionSource(id<TGPermissionSource> source) : source_(source) {}

ObjcPermissionSource::~ObjcPermissionSource() { SetListener(nullptr); }

int ObjcPermissionSource::os_level() const {
  NSInteger level = 0;
  std::string thrown;
  if (!CatchObjcException([&] { level = [source_.get() osMajorVersion]; }, &thrown)) {
    return 0;
  }
  return static_cast<int>(level);
}

bool ObjcPermissionSource::IsGranted(absl::string_view permission) {
  BOOL granted = NO;
  std::string thrown;
  if (!CatchObjcException(
          [&] { granted = [source_.get() isPermissionGranted:ToNSString(permission)]; }, &thrown)) {
    return false;
  }
  return granted == YES;
}

void ObjcPermissionSource::SetListener(Listener* listener) {
  bool had_listener;
  {
    std::lock_guard<std::mutex> lock(slot_->mu);
    had_listener = slot_->listener != nullptr;
    slot_->listener = listener;
  }
  if (listener == nullptr && !had_listener) return;
  std::string thrown;
  CatchObjcException(
      [&] {
        id<TGPermissionSource> source = source_.get();
        if (![source respondsToSelector:@selector(setPermissionsChangedHandler:)]) {
          return;
        }
        if (listener == nullptr) {
          [source setPermissionsChangedHandler:nil];
          return;
        }
        std::shared_ptr<ListenerSlot> slot = slot_;
        [source setPermissionsChangedHandler:^{
          std::lock_guard<std::mutex> lock(slot->mu);
          if (slot->listener != nullptr) slot->listener->OnPermissionsChanged();
        }];
      },
      &thrown);
}

}  // namespace telegate::ios_internal
