// device.identifiers: the install id (created by the client when the
// category opens, kept in the category's own file) and app-scoped hashes of
// the platform's device and advertising ids. A raw id never leaves this
// file: it is hashed and wiped here.
#include <openssl/crypto.h>

#include "absl/strings/str_cat.h"
#include "collect/collectors/collectors.h"

namespace telegate::collect_internal {

namespace {

void WipeString(std::string* s) {
  if (!s->empty()) OPENSSL_cleanse(&(*s)[0], s->size());
}

// Thread-compatible; writer thread.
class DeviceIdentifiersCollector : public Collector {
 public:
  // `identity` may be null: the install id alone is still collected.
  DeviceIdentifiersCollector(const GrantToken&, DeviceIdentity* identity)
      : identity_(identity) {}

  absl::Status Collect(const GrantToken& grant, CollectContext& context,
                       std::vector<CollectedEvent>* out) override {
    CollectedEvent e("identifiers");
    absl::StatusOr<std::string> install_id = context.InstallId(grant);
    if (install_id.ok()) {
      e.AddString("install_id", *install_id);
      WipeString(&*install_id);
    } else if (!absl::IsFailedPrecondition(install_id.status())) {
      // (Not while identification is withdrawn: that is no fault.)
      context.Warn(absl::StrCat("install id unavailable: ",
                                install_id.status().message()));
    }
    if (identity_ != nullptr) {
      absl::StatusOr<DeviceIds> ids = identity_->Read();
      if (ids.ok()) {
        context.WarnAll(ids->warnings);
        if (!ids->device_id.empty()) {
          e.AddString("device_id_hash",
                      context.AppScopedHash("device_id", ids->device_id));
        }
        if (!ids->advertising_id.empty()) {
          e.AddString(
              "advertising_id",
              context.AppScopedHash("advertising_id", ids->advertising_id));
        }
        WipeString(&ids->device_id);
        WipeString(&ids->advertising_id);
      } else {
        context.Warn(absl::StrCat("device identifiers unavailable: ",
                                  ids.status().message()));
      }
    }
    if (e.attributes().empty()) {
      return absl::UnavailableError("no identifier could be read");
    }
    out->push_back(std::move(e));
    return absl::OkStatus();
  }

 private:
  DeviceIdentity* const identity_;
};

}  // namespace

std::unique_ptr<Collector> MakeDeviceIdentifiersCollector(
    const GrantToken& grant, const Env& env) {
  return std::make_unique<DeviceIdentifiersCollector>(grant,
                                                      env.device_identity);
}

}  // namespace telegate::collect_internal
