// FakeInstalledApps: a scripted application list that counts reads.
#ifndef TELEGATE_TESTS_FAKES_FAKE_INSTALLED_APPS_H_
#define TELEGATE_TESTS_FAKES_FAKE_INSTALLED_APPS_H_

#include "fakes/scripted.h"
#include "telegate/installed_apps.h"

namespace telegate::testing {

inline AppList DefaultAppList() {
  AppList l;
  l.packages = {"com.example.shop", "com.tencent.mm", "com.android.chrome"};
  return l;
}

// Thread-safe.
class FakeInstalledApps : public InstalledApps {
 public:
  absl::StatusOr<AppList> List() override { return list.Next(); }
  Scripted<AppList> list{DefaultAppList()};
};

}  // namespace telegate::testing

#endif  // TELEGATE_TESTS_FAKES_FAKE_INSTALLED_APPS_H_
