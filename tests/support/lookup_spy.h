// LookupSpy: sees every name lookup the process makes through getaddrinfo
// (libcurl's resolver included), and can stand in for a hosts-file entry.
//
// Linking lookup_spy.cc into a test binary interposes getaddrinfo for the
// whole process: each call is recorded, names given to PointNameAt resolve
// to the address given (as a planted /etc/hosts line would), every other
// call goes to the C library. Link it only into a binary of its own.
//
//   testing::LookupSpy::PointNameAt("127.0.0.08", "127.0.0.1");
//   testing::LookupSpy::Reset();
//   transport->Send(request);
//   EXPECT_EQ(testing::LookupSpy::Lookups("127.0.0.08"), 0);
#ifndef TELEGATE_TESTS_SUPPORT_LOOKUP_SPY_H_
#define TELEGATE_TESTS_SUPPORT_LOOKUP_SPY_H_

#include <string>
#include <vector>

namespace telegate::testing {

// Thread-safe (libcurl resolves on a thread of its own).
class LookupSpy {
 public:
  // Makes `name` resolve to the numeric address `address`.
  static void PointNameAt(const std::string& name, const std::string& address);
  // Forgets the lookups seen so far (not the names pointed).
  static void Reset();
  // Every name looked up since the last Reset, in order.
  static std::vector<std::string> Names();
  // How many times `name` was looked up since the last Reset.
  static int Lookups(const std::string& name);
};

}  // namespace telegate::testing

#endif  // TELEGATE_TESTS_SUPPORT_LOOKUP_SPY_H_
