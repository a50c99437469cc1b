#include "telegate/desktop/desktop_access_context.h"

#include <cstdlib>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace telegate::desktop {
namespace {

InterfaceAddress A(const char* ifname, const char* address, bool ipv6 = false,
                   bool up = true, bool loopback = false) {
  InterfaceAddress a;
  a.interface = ifname;
  a.address = address;
  a.ipv6 = ipv6;
  a.up = up;
  a.loopback = loopback;
  return a;
}

TEST(DesktopAccessContextTest, PrefersAnUpNonLoopbackIpv4Address) {
  EXPECT_EQ(DesktopAccessContext::PickAddress(
                {A("lo", "127.0.0.1", false, true, true),
                 A("eth1", "10.0.0.9", false, /*up=*/false),
                 A("eth0", "fe80::1", true), A("eth0", "2001:db8::5", true),
                 A("eth0", "192.0.2.7")}),
            "192.0.2.7");
}

TEST(DesktopAccessContextTest, FallsBackToAGlobalIpv6Address) {
  EXPECT_EQ(DesktopAccessContext::PickAddress(
                {A("lo", "::1", true, true, true), A("eth0", "fe80::1", true),
                 A("eth0", "2001:db8::5", true)}),
            "2001:db8::5");
  EXPECT_EQ(DesktopAccessContext::PickAddress({A("lo", "127.0.0.1", false,
                                                 true, true)}),
            "");
}

// The locale's language; C and POSIX name none.
TEST(DesktopAccessContextTest, TheLanguageComesFromTheLocale) {
  const char* saved = std::getenv("LC_ALL");
  std::string keep = saved ? saved : "";
  ::setenv("LC_ALL", "de_DE.UTF-8@euro", 1);
  EXPECT_EQ(DesktopAccessContext().Read()->language, "de_DE");
  ::setenv("LC_ALL", "C.UTF-8", 1);
  EXPECT_EQ(DesktopAccessContext().Read()->language, "");
  if (saved) {
    ::setenv("LC_ALL", keep.c_str(), 1);
  } else {
    ::unsetenv("LC_ALL");
  }
}

TEST(DesktopAccessContextTest, ReadsThisMachine) {
  DesktopAccessContext access("ua/1");
  absl::StatusOr<AccessInfo> info = access.Read();
  ASSERT_TRUE(info.ok());
  EXPECT_EQ(info->browser, "ua/1");
  // Either an address or a warning saying there is none.
  EXPECT_TRUE(!info->ip.empty() || !info->warnings.empty());
}

}  // namespace
}  // namespace telegate::desktop
