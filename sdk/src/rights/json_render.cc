#include "rights/json_render.h"

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"

namespace telegate::rights_internal {

namespace {

std::string FormatMillis(int64_t ms) {
  return absl::FormatTime("%Y-%m-%dT%H:%M:%E3SZ", absl::FromUnixMillis(ms),
                          absl::UTCTimeZone());
}

}  // namespace


void WriteEvent(const proto::Event& event, util_internal::JsonWriter* out) {
  util_internal::JsonWriter& w = *out;
  w.BeginObject();
  w.Key("id");
  w.String(absl::BytesToHexString(event.id()));
  w.Key("category");
  w.String(event.category());
  w.Key("name");
  w.String(event.name());
  w.Key("time");
  w.String(FormatMillis(event.capture_time_ms()));
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
}

std::string EventToJson(const proto::Event& event) {
  util_internal::JsonWriter w;
  WriteEvent(event, &w);
  return w.Take();
}

namespace {

const char* KindName(proto::LedgerKind kind) {
  switch (kind) {
    case proto::CONSENT_GRANTED: return "consent_granted";
    case proto::CONSENT_REVOKED: return "consent_revoked";
    case proto::POLICY_ACCEPTED: return "policy_accepted";
    case proto::MINOR_SET: return "minor_set";
    case proto::GUARDIAN_SET: return "guardian_set";
    case proto::PERMISSION_CHANGED: return "permission_changed";
    case proto::CATEGORY_OPENED: return "category_opened";
    case proto::CATEGORY_CLOSED: return "category_closed";
    case proto::PURGE: return "purge";
    case proto::RECONCILED: return "reconciled";
    case proto::CROSS_BORDER: return "cross_border";
    case proto::DELETE_ALL: return "delete_all";
    case proto::ANONYMIZED: return "anonymized";
    default: return "unknown";
  }
}

const char* SourceName(proto::LedgerSource source) {
  switch (source) {
    case proto::USER: return "user";
    case proto::OS: return "os";
    case proto::HOST: return "host";
    case proto::STARTUP: return "startup";
    case proto::POLICY: return "policy";
    default: return "unknown";
  }
}

}  // namespace

void WriteLedgerEntry(const proto::LedgerEntry& e, const std::string& hash,
                      util_internal::JsonWriter* out) {
  util_internal::JsonWriter& w = *out;
  w.BeginObject();
  w.Key("seq");
  w.Int(static_cast<int64_t>(e.seq()));
  w.Key("time");
  w.String(FormatMillis(e.time_ms()));
  w.Key("time_ms");
  w.Int(e.time_ms());
  w.Key("kind");
  w.String(KindName(e.kind()));
  w.Key("source");
  w.String(SourceName(e.source()));
  if (!e.category().empty()) {
    w.Key("category");
    w.String(e.category());
  }
  switch (e.kind()) {
    case proto::CONSENT_GRANTED:
    case proto::CONSENT_REVOKED:
    case proto::MINOR_SET:
    case proto::GUARDIAN_SET:
    case proto::PERMISSION_CHANGED:
    case proto::CROSS_BORDER:
      w.Key("on");
      w.Bool(e.on());
      break;
    default:
      break;
  }
  w.Key("policy");
  w.String(absl::StrCat(e.policy_major(), ".", e.policy_minor()));
  if (!e.permission().empty()) {
    w.Key("permission");
    w.String(e.permission());
  }
  if (e.kind() == proto::PURGE) {
    w.Key("purged_events");
    w.Int(e.purged_events());
  }
  if (!e.detail().empty()) {
    w.Key("detail");
    w.String(e.detail());
  }
  w.Key("hash");
  w.String(absl::BytesToHexString(hash));
  w.EndObject();
}

std::string LedgerEntryToJson(const proto::LedgerEntry& entry,
                              const std::string& hash) {
  util_internal::JsonWriter w;
  WriteLedgerEntry(entry, hash, &w);
  return w.Take();
}




std::string ExportToJson(const proto::UserDataExport& data) {
  util_internal::JsonWriter w;
  w.BeginObject();
  w.Key("exported");
  w.String(FormatMillis(data.exported_ms()));
  w.Key("exported_ms");
  w.Int(data.exported_ms());
  w.Key("app_policy_version");
  w.String(data.app_policy_version());
  w.Key("accepted_policy_version");
  w.String(data.accepted_policy_version());
  w.Key("minor");
  w.Bool(data.minor());
  w.Key("guardian_consent");
  w.Bool(data.guardian_consent());
  w.Key("categories");
  w.BeginArray();
  for (const proto::CategoryExport& c : data.categories()) {
    w.BeginObject();
    w.Key("name");
    w.String(c.name());
    w.Key("contents");
    w.String(c.contents());
    w.Key("purpose");
    w.String(c.purpose());
    w.Key("sensitivity");
    w.String(c.sensitivity());
    w.Key("open");
    w.Bool(c.open());
    w.Key("closed_reasons");
    w.BeginArray();
    for (const std::string& r : c.closed_reasons()) w.String(r);
    w.EndArray();
    w.Key("consent_on");
    w.Bool(c.consent_on());
    w.Key("consent_policy_version");
    w.String(c.consent_policy_version());
    w.Key("consent_changed_ms");
    w.Int(c.consent_changed_ms());
    w.Key("events");
    w.BeginArray();
    for (const proto::Event& e : c.events()) WriteEvent(e, &w);
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();
  w.Key("ledger");
  w.BeginObject();
  w.Key("entries");
  w.BeginArray();
  for (const proto::LedgerRecord& r : data.ledger().records()) {
    proto::LedgerEntry entry;
    if (entry.ParseFromString(r.entry())) {
      WriteLedgerEntry(entry, r.hash(), &w);
    } else {
      w.Null();
    }
  }
  w.EndArray();
  w.Key("head_hash");
  w.String(absl::BytesToHexString(data.ledger().head_hash()));
  w.EndObject();
  w.Key("pending_deletion_install_ids");
  w.BeginArray();
  for (const std::string& id : data.pending_deletion_install_ids()) {
    w.String(id);
  }
  w.EndArray();
  w.Key("drops");
  w.BeginObject();
  for (const proto::DropCount& d : data.drops()) {
    w.Key(d.reason());
    w.Int(d.count());
  }
  w.EndObject();
  w.EndObject();
  return w.Take();
}

}  // namespace telegate::rights_internal
