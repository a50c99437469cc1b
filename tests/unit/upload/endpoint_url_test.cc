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
}

TEST(EndpointUrlTest, PlainHttpOnlyToALoopbackHost) {
  EXPECT_TRUE(ValidateEndpointUrl("http://127.0.0.1:8080/v1/batches").ok());
  EXPECT_TRUE(ValidateEndpointUrl("http://127.1.2.3/").ok());
  EXPECT_TRUE(ValidateEndpointUrl("http://localhost:9/x").ok());
  EXPECT_TRUE(ValidateEndpointUrl("http://[::1]:80/x").ok());
  absl::Status remote = ValidateEndpointUrl("http://collector.example/v1");
  EXPECT_EQ(remote.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(remote.message(), HasSubstr("must use https"));
  EXPECT_FALSE(ValidateEndpointUrl("http://10.0.0.1/").ok());
  EXPECT_FALSE(ValidateEndpointUrl("http://[::2]/").ok());
}

TEST(EndpointUrlTest, LoopbackLookalikesAreNotLoopback) {
  // A name that merely starts like a loopback address goes elsewhere.
  EXPECT_FALSE(ValidateEndpointUrl("http://127.0.0.1.collector.example/").ok());
  EXPECT_FALSE(ValidateEndpointUrl("http://localhost.collector.example/").ok());
  EXPECT_FALSE(ValidateEndpointUrl("http://127.0.0.256/").ok());
  EXPECT_FALSE(ValidateEndpointUrl("http://127.0.0/").ok());
  // User info: the host is what follows the '@'.
  EXPECT_FALSE(ValidateEndpointUrl("http://127.0.0.1@collector.example/").ok());
  EXPECT_FALSE(ValidateEndpointUrl("https://user:pw@collector.example/").ok());
}

TEST(EndpointUrlTest, MalformedUrlsAreRefused) {
  for (const char* url :
       {"", "collector.example", "ftp://collector.example/", "https://",
        "https:///path", "https://collector.example:0/",
        "https://collector.example:70000/", "https://collector.example:x/",
        "https://collector.example:/", "https://colle ctor.example/",
        "https://collector.example/\n", "https://[::1/", "file:///etc/passwd",
        "javascript://x"}) {
    EXPECT_EQ(ValidateEndpointUrl(url).code(),
              absl::StatusCode::kInvalidArgument)
        << url;
  }
}

TEST(EndpointUrlTest, ParseReportsHostPortAndLoopback) {
  absl::StatusOr<ParsedUrl> url = ParseEndpointUrl("http://LocalHost:8080/a?b");
  ASSERT_TRUE(url.ok()) << url.status();
  EXPECT_FALSE(url->https);
  EXPECT_EQ(url->host, "localhost");
  EXPECT_EQ(url->port, 8080);
  EXPECT_TRUE(url->loopback);
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
