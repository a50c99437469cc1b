#include "bridge_codec.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "telegate/android/bridge.pb.h"

namespace telegate::jni_internal {

namespace pb = ::telegate::android::proto;

namespace {

const char* SensitivityName(Sensitivity s) {
  switch (s) {
    case Sensitivity::kNonPersonal:
      return "non_personal";
    case Sensitivity::kSensitive:
      return "sensitive";
    case Sensitivity::kPersonal:
      break;
  }
  return "personal";
}

template <typename Repeated>
void AddReasons(const std::vector<ClosedReason>& reasons, Repeated* out) {
  for (ClosedReason r : reasons) out->Add(ClosedReasonName(r));
}

template <typename Message>
absl::StatusOr<Message> Parse(absl::string_view bytes, const char* what) {
  Message m;
  if (!m.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) {
    return absl::InvalidArgumentError(
        absl::StrCat("malformed ", what, " from the Java layer"));
  }
  return m;
}

std::vector<std::string> Strings(
    const google::protobuf::RepeatedPtrField<std::string>& in) {
  return std::vector<std::string>(in.begin(), in.end());
}

}  // namespace

std::string EncodeCategoryStatusList(const std::vector<CategoryStatus>& rows) {
  pb::CategoryStatusList list;
  for (const CategoryStatus& row : rows) {
    pb::CategoryStatus* s = list.add_categories();
    s->set_name(row.name);
    s->set_open(row.open);
    AddReasons(row.reasons, s->mutable_reasons());
    for (const std::string& p : row.missing_permissions) {
      s->add_missing_permissions(p);
    }
    s->set_sensitivity(SensitivityName(row.sensitivity));
    s->set_identifying(row.identifying);
    s->set_purpose(row.purpose);
    s->set_contents(row.contents);
    s->set_basic_function(row.basic_function);
    s->set_consent_on(row.consent_on);
    s->set_consent_policy_version(row.consent_policy_version);
    s->set_consent_changed_ms(row.consent_changed_ms);
    s->set_buffered_events(row.buffered_events);
    s->set_collection_warnings(row.collection_warnings);
  }
  return list.SerializeAsString();
}

std::string EncodeCategoryChange(const CategoryChange& change) {
  pb::CategoryChange c;
  c.set_category(change.category);
  c.set_open(change.open);
  AddReasons(change.reasons, c.mutable_reasons());
  for (const std::string& p : change.missing_permissions) {
    c.add_missing_permissions(p);
  }
  c.set_source(ChangeSourceName(change.source));
  return c.SerializeAsString();
}

std::string EncodeDropCounts(const DropCounts& d) {
  pb::DropCounts c;
  c.set_closed(d.closed);
  c.set_revoked(d.revoked);
  c.set_queue_full(d.queue_full);
  c.set_quota(d.quota);
  c.set_expired(d.expired);
  c.set_upload_rejected(d.upload_rejected);
  c.set_store_error(d.store_error);
  c.set_key_lost(d.key_lost);
  c.set_anonymized(d.anonymized);
  return c.SerializeAsString();
}

std::string EncodeStoreHealth(const StoreHealth& health) {
  pb::StoreHealth h;
  h.set_databases_replaced(health.databases_replaced);
  h.set_consent_reset(health.consent_reset);
  for (const StoreIncident& incident : health.incidents) {
    pb::StoreIncident* i = h.add_incidents();
    i->set_problem(StoreProblemName(incident.problem));
    i->set_file(incident.file);
    i->set_category(incident.category);
    i->set_detail(incident.detail);
    i->set_events_lost(incident.events_lost);
    i->set_time_ms(incident.time_ms);
  }
  h.set_last_error_code(static_cast<int32_t>(health.last_error.code()));
  h.set_last_error_message(std::string(health.last_error.message()));
  return h.SerializeAsString();
}

std::string EncodeCollectionReport(const CollectionReport& report) {
  pb::CollectionReport r;
  r.set_category(report.category);
  for (const CollectedEventReport& event : report.events) {
    pb::CollectedEvent* e = r.add_events();
    e->set_name(event.name);
    for (const auto& [key, value] : event.fields) {
      e->add_keys(key);
      e->add_values(value);
    }
  }
  for (const std::string& w : report.warnings) r.add_warnings(w);
  return r.SerializeAsString();
}

std::string EncodeUploadTask(const UploadTask& task) {
  pb::UploadTask t;
  switch (task.kind) {
    case UploadTask::Kind::kUpload:
      t.set_kind(pb::UploadTask::UPLOAD);
      t.set_task_id(task.request.task_id);
      t.set_url(task.request.url);
      for (const auto& [name, value] : task.request.headers) {
        pb::Header* h = t.add_headers();
        h->set_name(name);
        h->set_value(value);
      }
      t.set_body(task.request.body);
      t.set_event_count(task.request.event_count);
      break;
    case UploadTask::Kind::kWait:
      t.set_kind(pb::UploadTask::WAIT);
      t.set_wait_ms(absl::ToInt64Milliseconds(task.wait));
      break;
    case UploadTask::Kind::kDone:
      t.set_kind(pb::UploadTask::DONE);
      break;
  }
  return t.SerializeAsString();
}

absl::Status DecodeOpenOptions(absl::string_view bytes,
                               ClientOptions* options) {
  absl::StatusOr<pb::OpenOptions> parsed =
      Parse<pb::OpenOptions>(bytes, "OpenOptions");
  if (!parsed.ok()) return parsed.status();
  const pb::OpenOptions& o = *parsed;
  if (o.max_queued_events() < 0 || o.max_queued_bytes() < 0 ||
      o.max_event_bytes() < 0 || o.open_timeout_ms() < 0 ||
      o.control_timeout_ms() < 0 || o.max_buffered_events() < -1 ||
      o.max_buffered_bytes() < -1) {
    return absl::InvalidArgumentError(
        "negative bound or timeout in the options");
  }
  options->data_dir = o.data_dir();
  options->policy_document = o.policy_document();
  if (!o.app_id().empty()) options->app_id = o.app_id();
  if (o.max_queued_events() > 0) {
    options->max_queued_events = static_cast<size_t>(o.max_queued_events());
  }
  if (o.max_queued_bytes() > 0) {
    options->max_queued_bytes = static_cast<size_t>(o.max_queued_bytes());
  }
  if (o.max_event_bytes() > 0) {
    options->max_event_bytes = static_cast<size_t>(o.max_event_bytes());
  }
  if (o.open_timeout_ms() > 0) {
    options->open_timeout = absl::Milliseconds(o.open_timeout_ms());
  }
  if (o.control_timeout_ms() > 0) {
    options->control_timeout = absl::Milliseconds(o.control_timeout_ms());
  }
  if (o.max_buffered_events() >= 0) {
    options->max_buffered_events = o.max_buffered_events();
  }
  if (o.max_buffered_bytes() >= 0) {
    options->max_buffered_bytes = o.max_buffered_bytes();
  }
  return absl::OkStatus();
}

absl::StatusOr<std::vector<Endpoint>> DecodeEndpoints(absl::string_view bytes) {
  absl::StatusOr<pb::EndpointList> list =
      Parse<pb::EndpointList>(bytes, "EndpointList");
  if (!list.ok()) return list.status();
  std::vector<Endpoint> out;
  for (const pb::Endpoint& e : list->endpoints()) {
    out.push_back(Endpoint{e.url(), e.region(), e.partner()});
  }
  return out;
}

absl::StatusOr<DeviceInfo> DecodeDeviceInfo(absl::string_view bytes) {
  absl::StatusOr<pb::DeviceInfo> m = Parse<pb::DeviceInfo>(bytes, "DeviceInfo");
  if (!m.ok()) return m.status();
  DeviceInfo out;
  out.model = m->model();
  out.manufacturer = m->manufacturer();
  out.os_name = m->os_name();
  out.os_version = m->os_version();
  out.kernel = m->kernel();
  out.app_version = m->app_version();
  out.language = m->language();
  out.screen_width = m->screen_width();
  out.screen_height = m->screen_height();
  out.cpu_count = m->cpu_count();
  out.memory_mb = m->memory_mb();
  out.warnings = Strings(m->warnings());
  return out;
}

absl::StatusOr<DeviceIds> DecodeDeviceIds(absl::string_view bytes) {
  absl::StatusOr<pb::DeviceIds> m = Parse<pb::DeviceIds>(bytes, "DeviceIds");
  if (!m.ok()) return m.status();
  DeviceIds out;
  out.device_id = m->device_id();
  out.advertising_id = m->advertising_id();
  out.warnings = Strings(m->warnings());
  return out;
}

absl::StatusOr<AppList> DecodeAppList(absl::string_view bytes) {
  absl::StatusOr<pb::AppList> m = Parse<pb::AppList>(bytes, "AppList");
  if (!m.ok()) return m.status();
  AppList out;
  out.packages = Strings(m->packages());
  out.warnings = Strings(m->warnings());
  return out;
}

absl::StatusOr<UsageReport> DecodeUsageReport(absl::string_view bytes) {
  absl::StatusOr<pb::UsageReport> m =
      Parse<pb::UsageReport>(bytes, "UsageReport");
  if (!m.ok()) return m.status();
  UsageReport out;
  for (const pb::UsageRecord& r : m->records()) {
    UsageRecord record;
    record.package = r.package();
    if (r.has_foreground_ms()) record.foreground_ms = r.foreground_ms();
    if (r.has_last_used_ms()) record.last_used_ms = r.last_used_ms();
    out.records.push_back(std::move(record));
  }
  out.warnings = Strings(m->warnings());
  return out;
}

absl::StatusOr<LocationFix> DecodeLocationFix(absl::string_view bytes) {
  absl::StatusOr<pb::LocationFix> m =
      Parse<pb::LocationFix>(bytes, "LocationFix");
  if (!m.ok()) return m.status();
  LocationFix out;
  out.latitude = m->latitude();
  out.longitude = m->longitude();
  if (m->has_accuracy_m()) out.accuracy_m = m->accuracy_m();
  if (m->has_altitude_m()) out.altitude_m = m->altitude_m();
  out.region = m->region();
  out.warnings = Strings(m->warnings());
  return out;
}

absl::StatusOr<WifiScan> DecodeWifiScan(absl::string_view bytes) {
  absl::StatusOr<pb::WifiScan> m = Parse<pb::WifiScan>(bytes, "WifiScan");
  if (!m.ok()) return m.status();
  WifiScan out;
  for (const pb::WifiAccessPoint& a : m->access_points()) {
    WifiAccessPoint ap;
    ap.ssid = a.ssid();
    ap.bssid = a.bssid();
    if (a.has_rssi_dbm()) ap.rssi_dbm = a.rssi_dbm();
    if (a.has_frequency_mhz()) ap.frequency_mhz = a.frequency_mhz();
    out.access_points.push_back(std::move(ap));
  }
  out.warnings = Strings(m->warnings());
  return out;
}

absl::StatusOr<BluetoothScan> DecodeBluetoothScan(absl::string_view bytes) {
  absl::StatusOr<pb::BluetoothScan> m =
      Parse<pb::BluetoothScan>(bytes, "BluetoothScan");
  if (!m.ok()) return m.status();
  BluetoothScan out;
  for (const pb::BluetoothDevice& d : m->devices()) {
    BluetoothDevice device;
    device.name = d.name();
    device.address = d.address();
    if (d.has_rssi_dbm()) device.rssi_dbm = d.rssi_dbm();
    out.devices.push_back(std::move(device));
  }
  out.warnings = Strings(m->warnings());
  return out;
}

absl::StatusOr<BaseStationScan> DecodeBaseStationScan(absl::string_view bytes) {
  absl::StatusOr<pb::BaseStationScan> m =
      Parse<pb::BaseStationScan>(bytes, "BaseStationScan");
  if (!m.ok()) return m.status();
  BaseStationScan out;
  for (const pb::BaseStation& s : m->stations()) {
    BaseStation station;
    station.radio = s.radio();
    if (s.has_mcc()) station.mcc = s.mcc();
    if (s.has_mnc()) station.mnc = s.mnc();
    if (s.has_area_code()) station.area_code = s.area_code();
    if (s.has_cell_id()) station.cell_id = s.cell_id();
    if (s.has_signal_dbm()) station.signal_dbm = s.signal_dbm();
    out.stations.push_back(std::move(station));
  }
  out.warnings = Strings(m->warnings());
  return out;
}

absl::StatusOr<CarrierInfo> DecodeCarrierInfo(absl::string_view bytes) {
  absl::StatusOr<pb::CarrierInfo> m =
      Parse<pb::CarrierInfo>(bytes, "CarrierInfo");
  if (!m.ok()) return m.status();
  CarrierInfo out;
  out.network_type = m->network_type();
  out.operator_name = m->operator_name();
  if (m->has_mcc()) out.mcc = m->mcc();
  if (m->has_mnc()) out.mnc = m->mnc();
  if (m->has_interface_count()) out.interface_count = m->interface_count();
  out.warnings = Strings(m->warnings());
  return out;
}

absl::StatusOr<AccessInfo> DecodeAccessInfo(absl::string_view bytes) {
  absl::StatusOr<pb::AccessInfo> m = Parse<pb::AccessInfo>(bytes, "AccessInfo");
  if (!m.ok()) return m.status();
  AccessInfo out;
  out.ip = m->ip();
  out.browser = m->browser();
  out.language = m->language();
  out.warnings = Strings(m->warnings());
  return out;
}

}  // namespace telegate::jni_internal
