#include "telegate/desktop/device_script.h"

#include <cmath>
#include <map>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "fact_files.h"

namespace telegate::desktop {

namespace {

constexpr size_t kMaxScriptBytes = 1 << 20;
constexpr size_t kMaxEntriesPerKind = 256;

// Splits a line into words at blanks outside double quotes; quotes are
// removed and \" \\ unescaped inside them. False on an unterminated quote.
bool Tokenize(absl::string_view line, std::vector<std::string>* words) {
  words->clear();
  std::string word;
  bool in_word = false, quoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (quoted) {
      if (c == '\\' && i + 1 < line.size()) {
        word.push_back(line[++i]);
      } else if (c == '"') {
        quoted = false;
      } else {
        word.push_back(c);
      }
    } else if (c == '"') {
      quoted = in_word = true;
    } else if (c == ' ' || c == '\t') {
      if (in_word) words->push_back(std::move(word));
      word.clear();
      in_word = false;
    } else {
      word.push_back(c);
      in_word = true;
    }
  }
  if (quoted) return false;
  if (in_word) words->push_back(std::move(word));
  return true;
}

// The fields of one line, with typed accessors that warn about bad values.
class Fields {
 public:
  Fields(int line_no, std::vector<std::string>* warnings)
      : line_no_(line_no), warnings_(warnings) {}

  // Splits key=value words; warns about the rest.
  void Parse(const std::vector<std::string>& words) {
    for (size_t i = 1; i < words.size(); ++i) {
      size_t eq = words[i].find('=');
      if (eq == std::string::npos || eq == 0) {
        Warn(absl::StrCat("\"", words[i], "\" is not key=value"));
        continue;
      }
      values_[words[i].substr(0, eq)] = words[i].substr(eq + 1);
    }
  }
  // Keys the kind does not know.
  void CheckKeys(std::initializer_list<absl::string_view> known) {
    for (const auto& [key, value] : values_) {
      bool ok = false;
      for (absl::string_view k : known) ok = ok || key == k;
      if (!ok) Warn(absl::StrCat("unknown field ", key));
    }
  }
  std::string String(const std::string& key) const {
    auto it = values_.find(key);
    return it == values_.end() ? "" : it->second;
  }
  std::optional<int64_t> Int(const std::string& key) {
    auto it = values_.find(key);
    if (it == values_.end()) return std::nullopt;
    int64_t v;
    if (!absl::SimpleAtoi(it->second, &v)) {
      Warn(absl::StrCat(key, " is not an integer"));
      return std::nullopt;
    }
    return v;
  }
  std::optional<double> Double(const std::string& key) {
    auto it = values_.find(key);
    if (it == values_.end()) return std::nullopt;
    double v;
    if (!absl::SimpleAtod(it->second, &v) || !std::isfinite(v)) {
      Warn(absl::StrCat(key, " is not a number"));
      return std::nullopt;
    }
    return v;
  }
  void Warn(absl::string_view why) {
    warnings_->push_back(absl::StrCat("device script line ", line_no_, ": ", why));
  }

 private:
  const int line_no_;
  std::vector<std::string>* const warnings_;
  std::map<std::string, std::string> values_;
};

void ParseLocation(Fields& f, DeviceScriptContents* out) {
  f.CheckKeys({"lat", "lon", "accuracy", "altitude", "region"});
  std::optional<double> lat = f.Double("lat");
  std::optional<double> lon = f.Double("lon");
  if (!lat || !lon || std::fabs(*lat) > 90 || std::fabs(*lon) > 180) {
    f.Warn("location needs lat (-90..90) and lon (-180..180)");
    return;
  }
  LocationFix fix;
  fix.latitude = *lat;
  fix.longitude = *lon;
  fix.accuracy_m = f.Double("accuracy");
  fix.altitude_m = f.Double("altitude");
  fix.region = f.String("region");
  out->location = std::move(fix);
}

template <typename T>
bool Room(std::vector<T>& list, Fields& f) {
  if (list.size() < kMaxEntriesPerKind) return true;
  f.Warn(absl::StrCat("more than ", kMaxEntriesPerKind, " entries; skipped"));
  return false;
}

}  // namespace

DeviceScript::DeviceScript(std::string path) : path_(std::move(path)) {}

DeviceScriptContents DeviceScript::Parse(absl::string_view text) {
  DeviceScriptContents out;
  // Warnings land in the list of the reader they concern; the location's
  // are moved into the fix at the end.
  std::vector<std::string> location_warnings;
  int line_no = 0;
  std::vector<std::string> words;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    ++line_no;
    line = absl::StripAsciiWhitespace(line);
    if (line.empty() || line.front() == '#') continue;
    if (!Tokenize(line, &words) || words.empty()) {
      out.general_warnings.push_back(absl::StrCat(
          "device script line ", line_no, ": unterminated quote"));
      continue;
    }
    const std::string& kind = words[0];
    std::vector<std::string>* warnings =
        kind == "location"    ? &location_warnings
        : kind == "wifi"      ? &out.wifi.warnings
        : kind == "bluetooth" ? &out.bluetooth.warnings
        : kind == "cell"      ? &out.cells.warnings
        : kind == "usage"     ? &out.usage.warnings
        : kind == "carrier"   ? &out.carrier_warnings
                              : nullptr;
    if (warnings == nullptr) {
      out.general_warnings.push_back(absl::StrCat(
          "device script line ", line_no, ": unknown kind \"", kind, "\""));
      continue;
    }
    Fields f(line_no, warnings);
    f.Parse(words);
    if (kind == "location") {
      ParseLocation(f, &out);
    } else if (kind == "wifi") {
      f.CheckKeys({"bssid", "ssid", "rssi", "freq"});
      if (!Room(out.wifi.access_points, f)) continue;
      WifiAccessPoint ap;
      ap.bssid = f.String("bssid");
      ap.ssid = f.String("ssid");
      ap.rssi_dbm = f.Int("rssi");
      ap.frequency_mhz = f.Int("freq");
      out.wifi.access_points.push_back(std::move(ap));
    } else if (kind == "bluetooth") {
      f.CheckKeys({"address", "name", "rssi"});
      if (!Room(out.bluetooth.devices, f)) continue;
      BluetoothDevice d;
      d.address = f.String("address");
      d.name = f.String("name");
      d.rssi_dbm = f.Int("rssi");
      out.bluetooth.devices.push_back(std::move(d));
    } else if (kind == "cell") {
      f.CheckKeys({"radio", "mcc", "mnc", "area", "cid", "dbm"});
      if (!Room(out.cells.stations, f)) continue;
      BaseStation s;
      s.radio = f.String("radio");
      s.mcc = f.Int("mcc");
      s.mnc = f.Int("mnc");
      s.area_code = f.Int("area");
      s.cell_id = f.Int("cid");
      s.signal_dbm = f.Int("dbm");
      out.cells.stations.push_back(std::move(s));
    } else if (kind == "usage") {
      f.CheckKeys({"package", "foreground_ms", "last_used_ms"});
      if (!Room(out.usage.records, f)) continue;
      UsageRecord r;
      r.package = f.String("package");
      if (r.package.empty()) f.Warn("usage needs package");
      r.foreground_ms = f.Int("foreground_ms");
      r.last_used_ms = f.Int("last_used_ms");
      if (!r.package.empty()) out.usage.records.push_back(std::move(r));
    } else if (kind == "carrier") {
      f.CheckKeys({"name", "mcc", "mnc"});
      CarrierInfo c;
      c.operator_name = f.String("name");
      c.mcc = f.Int("mcc");
      c.mnc = f.Int("mnc");
      out.carrier = std::move(c);
    }
  }
  if (out.location) {
    out.location->warnings = std::move(location_warnings);
  } else {
    out.location_warnings = std::move(location_warnings);
  }
  return out;
}

absl::StatusOr<DeviceScriptContents> DeviceScript::Load() const {
  std::string text;
  internal::ReadResult read =
      internal::ReadBoundedFile(path_, kMaxScriptBytes, &text);
  if (read == internal::ReadResult::kMissing) {
    return absl::NotFoundError(absl::StrCat("cannot read device script ", path_));
  }
  if (read == internal::ReadResult::kTruncated) {
    text.resize(text.rfind('\n') == std::string::npos ? 0 : text.rfind('\n'));
  }
  DeviceScriptContents contents = Parse(text);
  if (read == internal::ReadResult::kTruncated) {
    contents.general_warnings.push_back(
        absl::StrCat("device script longer than ", kMaxScriptBytes,
                     " bytes; read in part"));
  }
  return contents;
}

namespace {
void Append(std::vector<std::string>* to, const std::vector<std::string>& from) {
  to->insert(to->end(), from.begin(), from.end());
}
}  // namespace

absl::StatusOr<LocationFix> DeviceScript::CurrentFix(LocationAccuracy) {
  absl::StatusOr<DeviceScriptContents> c = Load();
  if (!c.ok()) return c.status();
  if (!c->location) {
    std::string why = "the device script has no valid location line";
    if (!c->location_warnings.empty()) {
      absl::StrAppend(&why, " (", c->location_warnings.back(), ")");
    }
    return absl::NotFoundError(why);
  }
  Append(&c->location->warnings, c->general_warnings);
  return std::move(*c->location);
}

absl::StatusOr<WifiScan> DeviceScript::ScanWifi() {
  absl::StatusOr<DeviceScriptContents> c = Load();
  if (!c.ok()) return c.status();
  Append(&c->wifi.warnings, c->general_warnings);
  return std::move(c->wifi);
}

absl::StatusOr<BluetoothScan> DeviceScript::ScanBluetooth() {
  absl::StatusOr<DeviceScriptContents> c = Load();
  if (!c.ok()) return c.status();
  Append(&c->bluetooth.warnings, c->general_warnings);
  return std::move(c->bluetooth);
}

absl::StatusOr<BaseStationScan> DeviceScript::Scan() {
  absl::StatusOr<DeviceScriptContents> c = Load();
  if (!c.ok()) return c.status();
  Append(&c->cells.warnings, c->general_warnings);
  return std::move(c->cells);
}

absl::StatusOr<UsageReport> DeviceScript::Query(absl::Time, absl::Time) {
  absl::StatusOr<DeviceScriptContents> c = Load();
  if (!c.ok()) return c.status();
  Append(&c->usage.warnings, c->general_warnings);
  return std::move(c->usage);
}

absl::StatusOr<CarrierInfo> DeviceScript::ReadCarrier() {
  absl::StatusOr<DeviceScriptContents> c = Load();
  if (!c.ok()) return c.status();
  if (!c->carrier) {
    return absl::NotFoundError("the device script has no carrier line");
  }
  Append(&c->carrier->warnings, c->carrier_warnings);
  Append(&c->carrier->warnings, c->general_warnings);
  return std::move(*c->carrier);
}

}  // namespace telegate::desktop
