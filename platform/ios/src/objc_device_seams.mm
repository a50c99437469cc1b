#include "objc_device_seams.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "seam_guard.h"
#include "status_convert.h"
#include "string_convert.h"

namespace telegate::ios_internal {
namespace {

// Copies the optional string `value` into *out; a value that cannot be
// converted is left out and noted in *warnings.
void CopyField(id value, const char* field, std::string* out, std::vector<std::string>* warnings) {
  if (value == nil) return;
  absl::Status status = ToUtf8(value, field, kMaxArgumentUnits, out);
  if (!status.ok()) {
    out->clear();
    warnings->push_back(std::string(status.message()));
  }
}

void CopyWarnings(id list, std::vector<std::string>* warnings) {
  if (list == nil) return;
  if (![list isKindOfClass:[NSArray class]]) {
    warnings->push_back(absl::StrCat("warnings must be an NSArray, not ", ClassName(list)));
    return;
  }
  for (id item in static_cast<NSArray*>(list)) {
    std::string text;
    CopyField(item, "a warning", &text, warnings);
    if (!text.empty()) warnings->push_back(std::move(text));
  }
}

}  // namespace

absl::StatusOr<DeviceInfo> ObjcDeviceFacts::Read() {
  constexpr absl::string_view kWhat = "device facts -readDeviceInfo:";
  absl::StatusOr<DeviceInfo> result = absl::InternalError("not run");
  std::string thrown;
  if (!CatchObjcException(
          [&] {
            NSError* error = nil;
            TGDeviceInfo* info = [facts_.get() readDeviceInfo:&error];
            if (info == nil) {
              result = FromNSError(error, kWhat);
              return;
            }
            if (![info isKindOfClass:[TGDeviceInfo class]]) {
              result = absl::InternalError(
                  absl::StrCat(kWhat, " returned a ", ClassName(info), ", not TGDeviceInfo"));
              return;
            }
            DeviceInfo d;
            CopyField([info model], "model", &d.model, &d.warnings);
            CopyField([info manufacturer], "manufacturer", &d.manufacturer, &d.warnings);
            CopyField([info osName], "os_name", &d.os_name, &d.warnings);
            CopyField([info osVersion], "os_version", &d.os_version, &d.warnings);
            CopyField([info kernel], "kernel", &d.kernel, &d.warnings);
            CopyField([info appVersion], "app_version", &d.app_version, &d.warnings);
            CopyField([info language], "language", &d.language, &d.warnings);
            d.screen_width = [info screenWidth];
            d.screen_height = [info screenHeight];
            d.cpu_count = [info cpuCount];
            d.memory_mb = [info memoryMB];
            CopyWarnings([info warnings], &d.warnings);
            result = std::move(d);
          },
          &thrown)) {
    return SeamThrew(kWhat, thrown);
  }
  return result;
}

absl::StatusOr<DeviceIds> ObjcDeviceIdentity::Read() {
  constexpr absl::string_view kWhat = "device identity -readDeviceIds:";
  absl::StatusOr<DeviceIds> result = absl::InternalError("not run");
  std::string thrown;
  if (!CatchObjcException(
          [&] {
            NSError* error = nil;
            TGDeviceIds* ids = [identity_.get() readDeviceIds:&error];
            if (ids == nil) {
              result = FromNSError(error, kWhat);
              return;
            }
            if (![ids isKindOfClass:[TGDeviceIds class]]) {
              result = absl::InternalError(
                  absl::StrCat(kWhat, " returned a ", ClassName(ids), ", not TGDeviceIds"));
              return;
            }
            DeviceIds d;
            CopyField([ids deviceID], "device_id", &d.device_id, &d.warnings);
            CopyField([ids advertisingID], "advertising_id", &d.advertising_id, &d.warnings);
            CopyWarnings([ids warnings], &d.warnings);
            result = std::move(d);
          },
          &thrown)) {
    return SeamThrew(kWhat, thrown);
  }
  return result;
}

}  // namespace telegate::ios_internal
