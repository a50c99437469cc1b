#include "upload/endpoint_url.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "telegate/upload.h"

namespace telegate::upload_internal {
namespace {

using ::testing::HasSubstr;

TEST(EndpointUrlTest, HttpsIsAcceptedAnywhere) {
  EXPECT_TRUE(ValidateEndpointUrl("https://collector.example/v1/batches").ok());
  EXPECT_TRUE(ValidateEndpointUrl("HTTPS://collector.example:8443/").ok());
  EXPECT_TRUE(ValidateEndpointUrl("https://[2001:db8::1]/b").ok());
  EXPECT_TRUE(ValidateEndpointUrl("https://localhost:8443/b").ok());
  EXPECT_TRUE(ValidateEndpointUrl("https://10.0.0.1/b").ok());
  EXPECT_TRUE(ValidateEndpointUrl("https://my_host.example/b").ok());
}

TEST(EndpointUrlTest, PlainHttpOnlyToALiteralLoopbackAddress) {
  EXPECT_TRUE(ValidateEndpointUrl("http://127.0.0.1:8080/v1/batches").ok());
  EXPECT_TRUE(ValidateEndpointUrl("http://127.1.2.3/").ok());
  EXPECT_TRUE(ValidateEndpointUrl("http://127.0.0.2:9/x?y#z").ok());
  EXPECT_TRUE(ValidateEndpointUrl("http://127.255.255.255/").ok());
  EXPECT_TRUE(ValidateEndpointUrl("http://[::1]:80/x").ok());
  EXPECT_TRUE(ValidateEndpointUrl("HTTP://127.0.0.1/").ok());
  absl::Status remote = ValidateEndpointUrl("http://collector.example/v1");
  EXPECT_EQ(remote.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(remote.message(), HasSubstr("must use https"));
  EXPECT_FALSE(ValidateEndpointUrl("http://10.0.0.1/").ok());
  EXPECT_FALSE(ValidateEndpointUrl("http://[::2]/").ok());
}

// Every host here is one that libcurl (or a resolver) may read differently
// from "a loopback literal": a name to look up, an octal or hex group, a
// short form, a v4-mapped or zoned IPv6 address. Plain http to any of them
// must be refused.
TEST(EndpointUrlTest, PlainHttpRefusesEveryHostThatIsNotACanonicalLiteral) {
  for (const char* url : {
           "http://127.0.0.08/",        // 08 is no octal number: a name
           "http://127.0.0.01/",        // leading zero (octal to some)
           "http://0127.0.0.1/",        // octal 0127 is 87
           "http://127.000.000.001/",   // leading zeros
           "http://0177.0.0.1/",        // octal 127
           "http://0x7f.0.0.1/",        // hex
           "http://0x7f000001/",        // one hex number
           "http://2130706433/",        // one decimal number
           "http://127.1/",             // short form
           "http://127.0.1/",           // short form
           "http://127.0.0.1./",        // trailing dot
           "http://127.0.0.1.nip.io/",  // a name that resolves to loopback
           "http://127.0.0.1.collector.example/",
           "http://localhost/",  // a name: needs a lookup
           "http://LOCALHOST:8080/",
           "http://localhost./",
           "http://localhost.collector.example/",
           "http://[0:0:0:0:0:0:0:1]/",   // not the canonical [::1]
           "http://[::ffff:127.0.0.1]/",  // v4-mapped
           "http://[::1%25lo]/",          // zone id
           "http://[::1%lo]/",
           "http://127.0.0.1@collector.example/",  // the host follows the @
           "http://user@127.0.0.1/",
           "http://%31%32%37.0.0.1/",  // percent-encoded
           "http://127.0.0.1%2f@collector.example/",
           "http://127.0.0.256/",
           "http://127.0.0/",
           "http://-1.0.0.1/",
           "http://127.0.0.1\\@collector.example/",
           "http://\xef\xbc\x91\x32\x37.0.0.1/",  // fullwidth digit one
       }) {
    EXPECT_EQ(ValidateEndpointUrl(url).code(),
              absl::StatusCode::kInvalidArgument)
        << url;
  }
}

TEST(EndpointUrlTest, NumericHostsMustBeCanonicalEvenOverHttps) {
  // A URL parser reads these as IPv4 addresses (0x7f.1 is 127.0.0.1), a
  // resolver perhaps as names: no two readers may disagree on the host.
  for (const char* url :
       {"https://127.1/", "https://0x7f.0.0.1/", "https://2130706433/",
        "https://10.0.0.010/", "https://1.2.3.4.5/", "https://example.0x/",
        "https://collector.example./", "https://collector..example/",
        "https://.collector.example/", "https://user@collector.example/",
        "https://user:pw@collector.example/"}) {
    EXPECT_EQ(ValidateEndpointUrl(url).code(),
              absl::StatusCode::kInvalidArgument)
        << url;
  }
}

TEST(EndpointUrlTest, MalformedUrlsAreRefused) {
  for (const char* url : {"",
                          "collector.example",
                          "ftp://collector.example/",
                          "https://",
                          "https:///path",
                          "https://collector.example:0/",
                          "https://collector.example:70000/",
                          "https://collector.example:x/",
                          "https://collector.example:/",
                          "https://collector.example:080/",
                          "https://colle ctor.example/",
                          "https://collector.example/\n",
                          " https://collector.example/",
                          "https://[::1/",
                          "https://[]/",
                          "https://[zz::1]/",
                          "https://[::1]x/",
                          "https://[::1]:/",
                          "file:///etc/passwd",
                          "javascript://x",
                          "https:/collector.example/",
                          "https://colle\x01ctor.example/",
                          "https://c\xc3\xa9.example/"}) {
    EXPECT_EQ(ValidateEndpointUrl(url).code(),
              absl::StatusCode::kInvalidArgument)
        << url;
  }
}

TEST(EndpointUrlTest, ParseReportsWhereAPlainHttpBatchGoes) {
  absl::StatusOr<EndpointAddress> url =
      ParseEndpointUrl("http://127.0.0.2:8080/a?b");
  ASSERT_TRUE(url.ok()) << url.status();
  EXPECT_FALSE(url->https);
  EXPECT_EQ(url->host, "127.0.0.2");
  EXPECT_EQ(url->port, 8080);
  EXPECT_EQ(url->loopback_address, "127.0.0.2");

  url = ParseEndpointUrl("http://[::1]/");
  ASSERT_TRUE(url.ok()) << url.status();
  EXPECT_EQ(url->host, "[::1]");
  EXPECT_EQ(url->port, 80);
  EXPECT_EQ(url->loopback_address, "::1");
}

TEST(EndpointUrlTest, ParseLeavesHttpsToTheUsualRouting) {
  absl::StatusOr<EndpointAddress> url =
      ParseEndpointUrl("HTTPS://Collector.Example/v1");
  ASSERT_TRUE(url.ok()) << url.status();
  EXPECT_TRUE(url->https);
  EXPECT_EQ(url->host, "collector.example");
  EXPECT_EQ(url->port, 443);
  EXPECT_EQ(url->loopback_address, "");
}

TEST(EndpointUrlTest, CanonicalIpv4IsFourDecimalGroupsWithoutLeadingZeros) {
  EXPECT_TRUE(IsCanonicalIpv4("0.0.0.0"));
  EXPECT_TRUE(IsCanonicalIpv4("127.0.0.1"));
  EXPECT_TRUE(IsCanonicalIpv4("255.255.255.255"));
  for (const char* host : {"", "1.2.3", "1.2.3.4.5", "01.2.3.4", "1.2.3.04",
                           "1.2.3.256", "1.2.3.-1", "1.2.3.4.", ".1.2.3",
                           "1..2.3", "a.b.c.d", "1.2.3.0x1", "1.2.3.1000"}) {
    EXPECT_FALSE(IsCanonicalIpv4(host)) << host;
  }
  EXPECT_TRUE(IsLoopbackIpv4("127.0.0.2"));
  EXPECT_FALSE(IsLoopbackIpv4("128.0.0.1"));
  EXPECT_FALSE(IsLoopbackIpv4("127.0.0.08"));
}

TEST(EndpointTest, RegionMustBeATwoLetterUpperCaseCode) {
  EXPECT_TRUE(ValidateEndpoint({"https://c.example/", "CN"}).ok());
  for (const char* region : {"", "cn", "CHN", "C", "*", "C1"}) {
    EXPECT_EQ(ValidateEndpoint({"https://c.example/", region}).code(),
              absl::StatusCode::kInvalidArgument)
        << region;
  }
  EXPECT_FALSE(ValidateEndpoint({"http://c.example/", "CN"}).ok());
}

}  // namespace
}  // namespace telegate::upload_internal
