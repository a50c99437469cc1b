#include "event_json.h"

#include "absl/strings/escaping.h"
#include "absl/time/time.h"
#include "util/json_writer.h"

namespace telegate::inspect {

std::string EventToJson(const proto::Event& event) {
  util_internal::JsonWriter w;
  w.BeginObject();
  w.Key("id");
  w.String(absl::BytesToHexString(event.id()));
  w.Key("category");
  w.String(event.category());
  w.Key("name");
  w.String(event.name());
  w.Key("time");
  w.String(absl::FormatTime("%Y-%m-%dT%H:%M:%E3SZ",
                            absl::FromUnixMillis(event.capture_time_ms()),
                            absl::UTCTimeZone()));
  w.Key("time_ms");
  w.Int(event.capture_time_ms());
  w.Key("attributes");
  w.BeginObject();
  for (const proto::Attribute& a : event.attributes()) {
    w.Key(a.key());
    switch (a.value_case()) {
      case proto::Attribute::kStringValue: w.String(a.string_value()); break;
      case proto::Attribute::kIntValue: w.Int(a.int_value()); break;
      case proto::Attribute::kDoubleValue: w.Double(a.double_value()); break;
      case proto::Attribute::kBoolValue: w.Bool(a.bool_value()); break;
      default: w.Null();
    }
  }
  w.EndObject();
  w.EndObject();
  return w.Take();
}

}  // namespace telegate::inspect
