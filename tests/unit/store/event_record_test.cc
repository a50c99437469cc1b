#include "store/event_record.h"

#include <string>
#include <vector>

#include "event/event_codec.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "telegate/event.pb.h"

namespace telegate::store_internal {
namespace {

using ::testing::Lt;

std::string Serialize(const proto::Event& event) {
  return event.SerializeAsString();
}

proto::Event Typical() {
  proto::Event e;
  e.set_id(std::string(16, '\x7f'));
  e.set_category("log.search");
  e.set_name("search");
  e.set_capture_time_ms(1800000000123);
  e.set_consent_epoch(3);
  auto* a = e.add_attributes();
  a->set_key("query");
  a->set_string_value("red shoes");
  a = e.add_attributes();
  a->set_key("results");
  a->set_int_value(12);
  a = e.add_attributes();
  a->set_key("negative");
  a->set_int_value(-5);
  a = e.add_attributes();
  a->set_key("lat");
  a->set_double_value(31.2304);
  a = e.add_attributes();
  a->set_key("on");
  a->set_bool_value(true);
  a = e.add_attributes();
  a->set_key("off");
  a->set_bool_value(false);
  a = e.add_attributes();
  a->set_key("empty");
  a->set_string_value("");
  return e;
}

// Encodes and decodes; returns the record.
std::string RoundTrip(const std::string& event, int64_t capture_ms,
                      const std::string& category, NameTable* names) {
  util_internal::SecureString record, scratch, back;
  EncodeRecord(event, capture_ms, category, names, &record, &scratch);
  absl::Status s = DecodeRecord(record, capture_ms, category, *names, &back);
  EXPECT_TRUE(s.ok()) << s;
  EXPECT_EQ(back, event) << "the stored event must come back byte for byte";
  return std::string(record.data(), record.size());
}

TEST(EventRecordTest, ATypicalEventComesBackByteForByteAndSmaller) {
  NameTable names;
  const std::string event = Serialize(Typical());
  std::string record = RoundTrip(event, 1800000000123, "log.search", &names);
  EXPECT_EQ(record[0], 1) << "compact form";
  EXPECT_THAT(record.size(), Lt(event.size() * 3 / 4));
}

TEST(EventRecordTest, TheHandEncoderOutputIsStoredCompactly) {
  // What Track actually produces.
  std::vector<Attribute> attributes = {{"query", "shoes"}, {"results", 7}};
  char id[event_internal::kEventIdSize] = {1, 2, 3};
  event_internal::EventFields f;
  f.id = absl::string_view(id, sizeof(id));
  f.category = "log.search";
  f.name = "search";
  f.capture_time_ms = 42;
  f.consent_epoch = 9;
  const util_internal::SecureString encoded =
      event_internal::EncodeEvent(f, attributes);
  const std::string event(encoded.data(), encoded.size());
  NameTable names;
  EXPECT_EQ(RoundTrip(event, 42, "log.search", &names)[0], 1);
}

TEST(EventRecordTest, NamesAreInternedOnceAndReused) {
  NameTable names;
  const std::string event = Serialize(Typical());
  RoundTrip(event, 1800000000123, "log.search", &names);
  const uint32_t next = names.next_id();
  EXPECT_EQ(next, 9u) << "the event name and 7 keys";
  RoundTrip(event, 1800000000123, "log.search", &names);
  EXPECT_EQ(names.next_id(), next);
}

TEST(EventRecordTest, EventsThatTheCompactFormCannotPromiseAreKeptVerbatim) {
  NameTable names;
  proto::Event e = Typical();
  // A category other than the file's: the round trip would change it.
  {
    std::string record =
        RoundTrip(Serialize(e), 1800000000123, "order", &names);
    EXPECT_EQ(record[0], 0);
  }
  // A capture time that differs from the row's column.
  {
    std::string record = RoundTrip(Serialize(e), 5, "log.search", &names);
    EXPECT_EQ(record[0], 0);
  }
  // An unknown field (from a newer writer).
  {
    std::string event = Serialize(e) + std::string("\x38\x01", 2);  // field 7
    EXPECT_EQ(RoundTrip(event, 1800000000123, "log.search", &names)[0], 0);
  }
  // Fields out of canonical order.
  {
    proto::Event a;
    a.set_name("search");
    proto::Event b;
    b.set_id("x");
    std::string event = Serialize(a) + Serialize(b);
    EXPECT_EQ(RoundTrip(event, 0, "", &names)[0], 0);
  }
  // A non-minimal varint (bool written as 2).
  {
    std::string event = std::string("\x2a\x06\x0a\x01k\x28\x02", 8);
    EXPECT_EQ(RoundTrip(event, 0, "", &names)[0], 0);
  }
  // Garbage.
  EXPECT_EQ(RoundTrip(std::string("\xff\xff\xff", 3), 0, "", &names)[0], 0);
  EXPECT_EQ(RoundTrip("", 0, "", &names).size(), 1u)
      << "empty: verbatim is smaller";
}

TEST(EventRecordTest, ExtremeValuesRoundTrip) {
  NameTable names;
  proto::Event e;
  e.set_id(std::string(300, 'i'));  // a long id
  e.set_name(std::string(200, 'n'));
  e.set_consent_epoch(UINT64_MAX);
  e.set_capture_time_ms(-1);
  for (int64_t v : {INT64_MIN, INT64_MAX, int64_t{0}, int64_t{-1}}) {
    auto* a = e.add_attributes();
    a->set_key("");
    a->set_int_value(v);
  }
  e.add_attributes();  // no key, no value
  auto* a = e.add_attributes();
  a->set_key("\xe4\xbd\xa0\xe5\xa5\xbd");
  a->set_string_value(std::string(5000, '\0'));
  RoundTrip(Serialize(e), -1, "", &names);
}

TEST(EventRecordTest, AMalformedRecordIsDataLossNotACrash) {
  NameTable names;
  util_internal::SecureString record, scratch, out;
  EncodeRecord(Serialize(Typical()), 1800000000123, "log.search", &names,
               &record, &scratch);
  for (size_t cut = 1; cut < record.size(); ++cut) {
    absl::Status s = DecodeRecord(record.substr(0, cut), 1800000000123,
                                  "log.search", names, &out);
    // A cut at an entry boundary is a valid shorter record; anything else
    // must be refused.
    if (!s.ok()) {
      EXPECT_EQ(s.code(), absl::StatusCode::kDataLoss);
    }
  }
  NameTable empty;
  EXPECT_EQ(
      DecodeRecord(record, 1800000000123, "log.search", empty, &out).code(),
      absl::StatusCode::kDataLoss)
      << "unknown name ids";
  EXPECT_EQ(DecodeRecord(std::string("\x07", 1), 0, "", names, &out).code(),
            absl::StatusCode::kDataLoss);
  EXPECT_EQ(DecodeRecord("", 0, "", names, &out).code(),
            absl::StatusCode::kDataLoss);
}

TEST(NameTableTest, LoadRefusesDuplicatesAndTruncateUndoesAdds) {
  NameTable names;
  EXPECT_TRUE(names.Load(3, "c"));
  EXPECT_FALSE(names.Load(3, "d"));
  EXPECT_FALSE(names.Load(4, "c"));
  EXPECT_FALSE(names.Load(0, "z"));
  EXPECT_EQ(names.next_id(), 4u);
  EXPECT_EQ(*names.Add("x"), 4u);
  names.Truncate(4);
  EXPECT_FALSE(names.Find("x").has_value());
  EXPECT_EQ(*names.Get(3), "c");
  EXPECT_EQ(names.Get(1), nullptr);
}

}  // namespace
}  // namespace telegate::store_internal
