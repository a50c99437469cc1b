// PermissionSource: the seam through which the platform reports OS permissions.
//
// Android implements it over Context.checkSelfPermission, iOS over the
// authorization status of each framework, desktop over a table the host drives.
// The client asks it at open (startup reconciliation) and whenever the host
// or the listener says permissions may have changed.
//
//   class MySource : public telegate::PermissionSource { ... };
//   MySource source;  // must outlive every client that uses it
//   env.permissions = &source;
#ifndef TELEGATE_PERMISSION_SOURCE_H_
#define TELEGATE_PERMISSION_SOURCE_H_

#include "absl/strings/string_view.h"
#include "telegate/export.h"

namespace telegate {

// Which column of the catalog's permission table applies.
enum class Platform { kAndroid, kIos };

// Implementations must be thread-safe: the client calls them from its writer
// thread while the host may change permissions from any thread.
class TELEGATE_EXPORT PermissionSource {
 public:
  // Receives change notifications. Implemented by the client.
  class Listener {
   public:
    virtual ~Listener() = default;
    // Permissions may have changed. Runs the revocation barrier: when it
    // returns, every category whose permission is gone has been purged.
    // May block up to the client's control timeout; never call it while
    // holding a lock the client's writer thread could need.
    virtual void OnPermissionsChanged() = 0;
  };

  virtual ~PermissionSource() = default;

  // The platform whose permission names this source reports.
  virtual Platform platform() const = 0;
  // Android API level or iOS major version; used for clauses that apply only
  // on some OS versions.
  virtual int os_level() const = 0;
  // True if `permission` (a platform name such as "ACCESS_FINE_LOCATION") is
  // granted right now. Unknown names are not granted.
  virtual bool IsGranted(absl::string_view permission) = 0;

  // Registers the listener to notify after a change (replacing any previous
  // one); nullptr unregisters. The listener is borrowed: it stays valid until
  // it is unregistered. Implementations must not call the listener after
  // SetListener(nullptr) returns.
  virtual void SetListener(Listener* listener) = 0;
};

}  // namespace telegate

#endif  // TELEGATE_PERMISSION_SOURCE_H_
