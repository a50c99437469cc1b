// FakeAccessContext: scripted access-log context that counts reads.
#ifndef TELEGATE_TESTS_FAKES_FAKE_ACCESS_CONTEXT_H_
#define TELEGATE_TESTS_FAKES_FAKE_ACCESS_CONTEXT_H_

#include "fakes/scripted.h"
#include "telegate/access_context.h"

namespace telegate::testing {

inline AccessInfo DefaultAccessInfo() {
  AccessInfo a;
  a.ip = "10.1.2.3";
  a.browser = "TestBrowser/1.0";
  a.language = "zh_CN";
  return a;
}

// Thread-safe.
class FakeAccessContext : public AccessContext {
 public:
  absl::StatusOr<AccessInfo> Read() override { return read.Next(); }
  Scripted<AccessInfo> read{DefaultAccessInfo()};
};

}  // namespace telegate::testing

#endif  // TELEGATE_TESTS_FAKES_FAKE_ACCESS_CONTEXT_H_
