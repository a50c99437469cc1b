#include "demo_session.h"

#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "command_line.h"
#include "private_file.h"
#include "telegate/ledger.pb.h"

namespace telegate::demo {

namespace {

constexpr absl::Duration kFlushTimeout = absl::Seconds(10);

std::string Error(const absl::Status& status) {
  std::string message(status.message());
  if (message.empty()) {
    message = absl::StatusCodeToString(status.code());
    if (status.code() == absl::StatusCode::kPermissionDenied) {
      message = "category is closed (PERMISSION_DENIED)";
    }
  }
  return absl::StrCat("error: ", message);
}

std::string Usage(absl::string_view usage) {
  return absl::StrCat("error: usage: ", usage);
}

// A value as the demo prints it: quoted if it has blanks, cut if long (an
// app list part is kilobytes).
std::string ShortValue(absl::string_view value) {
  constexpr size_t kMax = 48;
  std::string v(value.substr(0, kMax));
  if (value.size() > kMax) absl::StrAppend(&v, "...(", value.size(), " bytes)");
  if (v.find_first_of(" \t") != std::string::npos)
    return absl::StrCat("\"", v, "\"");
  return v;
}

const char* SensitivityName(Sensitivity s) {
  switch (s) {
    case Sensitivity::kNonPersonal:
      return "non-personal";
    case Sensitivity::kPersonal:
      return "personal";
    case Sensitivity::kSensitive:
      return "sensitive";
  }
  return "?";
}

}  // namespace

std::string PermissionStateFile(const std::string& data_dir) {
  return absl::StrCat(data_dir, "/desktop-os-permissions.txt");
}

absl::StatusOr<std::unique_ptr<DemoSession>> DemoSession::Create(
    const DemoOptions& options) {
  std::unique_ptr<DemoSession> session(new DemoSession());
  session->options_ = options;
  if (session->options_.key_dir.empty()) {
    session->options_.key_dir = absl::StrCat(options.data_dir, "/keys");
  }
  absl::StatusOr<std::shared_ptr<const catalog_internal::Catalog>> catalog =
      options.policy_document.empty()
          ? catalog_internal::Catalog::Default()
          : catalog_internal::Catalog::Parse(options.policy_document);
  if (!catalog.ok()) return catalog.status();
  session->catalog_ = *std::move(catalog);

  desktop::DesktopEnvOptions env_options;
  env_options.key_dir = session->options_.key_dir;
  env_options.permission_state_file = PermissionStateFile(options.data_dir);
  env_options.app_version = "telegate-demo 0.1";
  env_options.device_script = options.device_script;
  env_options.user_agent = "telegate-demo/0.1";
  env_options.platform = options.platform;
  env_options.os_level = options.os_level;
  absl::StatusOr<std::unique_ptr<desktop::DesktopEnv>> env =
      desktop::DesktopEnv::Create(env_options);
  if (!env.ok()) return env.status();
  session->env_ = *std::move(env);

  absl::Status opened = session->OpenClient();
  if (!opened.ok()) return opened;
  return session;
}

absl::Status DemoSession::OpenClient() {
  ClientOptions client_options;
  client_options.data_dir = options_.data_dir;
  client_options.env = env_->env();
  client_options.policy_document = options_.policy_document;
  client_options.log = options_.log;
  client_options.log_level = options_.log_level;
  absl::StatusOr<std::unique_ptr<Client>> client = Client::Open(client_options);
  if (!client.ok()) return client.status();
  client_ = *std::move(client);
  return absl::OkStatus();
}

DemoSession::~DemoSession() {
  if (client_) client_->Close(absl::Seconds(10)).IgnoreError();
}

std::vector<std::string> DemoSession::Execute(absl::string_view line) {
  absl::StatusOr<std::vector<std::string>> words = SplitCommandLine(line);
  if (!words.ok()) return {Error(words.status())};
  if (words->empty() || (*words)[0][0] == '#') return {};
  const std::string& command = (*words)[0];
  if (client_ == nullptr && command != "restart" && command != "quit" &&
      command != "exit" && command != "help") {
    return {"error: the client is not open (restart failed); try restart"};
  }
  if (command == "consent") return {Consent(*words)};
  if (command == "os") return {Os(*words)};
  if (command == "track") return {Track(*words)};
  if (command == "status") return Status();
  if (command == "flush") return {Flush()};
  if (command == "rotate-keys") return {RotateKeys()};
  if (command == "restart") return {Restart()};
  if (command == "policy" || command == "minor" || command == "guardian" ||
      command == "accept-all" || command == "reject-all" ||
      command == "foreground" || command == "delete-all" ||
      command == "anonymize" || command == "identification") {
    return {Switch(*words)};
  }
  if (command == "ledger") return {Ledger()};
  if (command == "collect") return {Collect(*words)};
  if (command == "export") return {Export(*words)};
  if (command == "endpoint") return {EndpointCommand(*words)};
  if (command == "crossborder") return {CrossBorder(*words)};
  if (command == "upload") return {Upload()};
  if (command == "quit" || command == "exit") {
    done_ = true;
    return {"ok bye"};
  }
  if (command == "help") {
    return {
        "ok commands: consent <category> on|off; accept-all; reject-all; "
        "os <PERMISSION> granted|denied; track <category> <event> "
        "[key=value ...]; collect <category>; policy <major.minor>; minor "
        "on|off; guardian on|off; foreground; status; ledger; export "
        "[FILE [json|proto]]; delete-all; anonymize; identification on; "
        "endpoint <url> [region=CC] "
        "[partner]; crossborder <category> <REGION> on|off; upload; "
        "flush; rotate-keys; restart; quit"};
  }
  return {absl::StrCat("error: unknown command \"", command, "\" (try help)")};
}

std::string DemoSession::Consent(const std::vector<std::string>& words) {
  if (words.size() != 3 || (words[2] != "on" && words[2] != "off")) {
    return Usage("consent <category> on|off");
  }
  absl::Status status = client_->SetConsent(words[1], words[2] == "on");
  if (!status.ok()) return Error(status);
  return absl::StrCat("ok consent ", words[1], " ", words[2]);
}

std::string DemoSession::Os(const std::vector<std::string>& words) {
  if (words.size() != 3 || (words[2] != "granted" && words[2] != "denied")) {
    return Usage("os <PERMISSION> granted|denied");
  }
  absl::Status status =
      env_->permissions()->Set(words[1], words[2] == "granted");
  if (!status.ok()) return Error(status);
  return absl::StrCat("ok os ", words[1], " ", words[2]);
}

std::string DemoSession::Track(const std::vector<std::string>& words) {
  if (words.size() < 3) {
    return Usage("track <category> <event> [key=value ...]");
  }
  const std::string& category = words[1];
  const std::string& event = words[2];
  const proto::EventSpec* spec = nullptr;
  if (std::optional<catalog_internal::CategoryId> id =
          catalog_->Find(category)) {
    spec = catalog_->FindEvent(*id, event);
  }
  // Values are typed by the catalog's declaration of the attribute; an
  // undeclared key goes through as a string for the SDK to refuse.
  std::vector<Attribute> attributes;
  attributes.reserve(words.size() - 3);
  for (size_t i = 3; i < words.size(); ++i) {
    size_t eq = words[i].find('=');
    if (eq == std::string::npos || eq == 0) {
      return absl::StrCat("error: malformed attribute \"", words[i],
                          "\" (expected key=value)");
    }
    absl::string_view key(words[i].data(), eq);
    absl::string_view value(words[i].data() + eq + 1, words[i].size() - eq - 1);
    proto::AttributeType type = proto::STRING;
    if (spec != nullptr) {
      for (const proto::AttributeSpec& a : spec->attributes()) {
        if (a.key() == key) type = a.type();
      }
    }
    switch (type) {
      case proto::INT: {
        int64_t v;
        if (!absl::SimpleAtoi(value, &v)) {
          return absl::StrCat("error: attribute ", key, " must be an integer");
        }
        attributes.emplace_back(key, static_cast<long long>(v));  // NOLINT
        break;
      }
      case proto::DOUBLE: {
        double v;
        if (!absl::SimpleAtod(value, &v)) {
          return absl::StrCat("error: attribute ", key, " must be a number");
        }
        attributes.emplace_back(key, v);
        break;
      }
      case proto::BOOL:
        if (value != "true" && value != "false") {
          return absl::StrCat("error: attribute ", key,
                              " must be true or false");
        }
        attributes.emplace_back(key, value == "true");
        break;
      default:
        attributes.emplace_back(key, value);
    }
  }
  absl::Status status = client_->Track(category, event, attributes);
  if (!status.ok()) return Error(status);
  return absl::StrCat("ok tracked ", category, " ", event);
}

std::vector<std::string> DemoSession::Status() {
  std::vector<std::string> lines;
  for (const CategoryStatus& s : client_->GetCategoryStatus()) {
    std::string line =
        absl::StrCat("  ", s.name, " ", s.open ? "open" : "closed");
    if (!s.open) {
      std::vector<std::string> why;
      for (ClosedReason r : s.reasons) {
        std::string reason = ClosedReasonName(r);
        if (r == ClosedReason::kPermissionMissing) {
          absl::StrAppend(&reason, "(",
                          absl::StrJoin(s.missing_permissions, ","), ")");
        }
        why.push_back(std::move(reason));
      }
      absl::StrAppend(&line, " why=", absl::StrJoin(why, ","));
    }
    absl::StrAppend(&line, " buffered=", s.buffered_events,
                    " sensitivity=", SensitivityName(s.sensitivity),
                    " consent=", s.consent_on ? "on" : "off");
    if (!s.consent_policy_version.empty()) {
      absl::StrAppend(&line, " policy=", s.consent_policy_version);
    }
    if (s.collection_warnings > 0) {
      absl::StrAppend(&line, " warnings=", s.collection_warnings);
    }
    lines.push_back(std::move(line));
  }
  DropCounts d = client_->GetDropCounts();
  lines.push_back(absl::StrCat(
      "  drops closed=", d.closed, " revoked=", d.revoked,
      " queue_full=", d.queue_full, " quota=", d.quota, " expired=", d.expired,
      " upload_rejected=", d.upload_rejected, " store_error=", d.store_error,
      " key_lost=", d.key_lost));
  // The store's health: databases replaced (lost or wrong key, corrupt or
  // foreign file) and the last write error, then one line per incident.
  StoreHealth health = client_->GetStoreHealth();
  lines.push_back(absl::StrCat(
      "  store replaced=", health.databases_replaced,
      " consent_reset=", health.consent_reset ? "yes" : "no", " last_error=",
      health.last_error.ok()
          ? std::string("none")
          : absl::StatusCodeToString(health.last_error.code())));
  for (const StoreIncident& i : health.incidents) {
    lines.push_back(absl::StrCat(
        "  incident ", StoreProblemName(i.problem), " ", i.file, " lost=",
        i.events_lost < 0 ? std::string("unknown")
                          : absl::StrCat(i.events_lost),
        " (", i.detail, ")"));
  }
  lines.insert(lines.begin(), absl::StrCat("ok status ", lines.size()));
  return lines;
}

std::string DemoSession::RotateKeys() {
  absl::Status status = client_->RotateKeys();
  if (!status.ok()) return Error(status);
  return "ok keys rotated";
}

std::string DemoSession::Switch(const std::vector<std::string>& words) {
  const std::string& command = words[0];
  auto on_off = [&](bool* value) {
    if (words.size() != 2 || (words[1] != "on" && words[1] != "off")) {
      return false;
    }
    *value = words[1] == "on";
    return true;
  };
  absl::Status status;
  bool value = false;
  if (command == "policy") {
    if (words.size() != 2) return Usage("policy <major.minor>");
    status = client_->AcceptPolicy(words[1]);
    if (status.ok()) return absl::StrCat("ok policy ", words[1], " accepted");
  } else if (command == "minor") {
    if (!on_off(&value)) return Usage("minor on|off");
    status = client_->SetMinor(value);
  } else if (command == "guardian") {
    if (!on_off(&value)) return Usage("guardian on|off");
    status = client_->SetGuardianConsent(value);
  } else if (command == "accept-all" || command == "reject-all") {
    if (words.size() != 1) return Usage(command);
    status = client_->SetAllConsents(command == "accept-all");
  } else if (command == "foreground") {
    if (words.size() != 1) return Usage("foreground");
    status = client_->RefreshPermissions();
  } else if (command == "delete-all") {
    if (words.size() != 1) return Usage("delete-all");
    status = client_->DeleteAllData();
  } else if (command == "anonymize") {
    if (words.size() != 1) return Usage("anonymize");
    status = client_->Anonymize();
  } else if (command == "identification") {
    if (words.size() != 2 || words[1] != "on") {
      return Usage("identification on");
    }
    status = client_->AllowIdentification();
  }
  if (!status.ok()) return Error(status);
  return absl::StrJoin(words, " ").insert(0, "ok ");
}

std::string DemoSession::Ledger() {
  absl::StatusOr<std::string> bytes = client_->ExportLedger();
  if (!bytes.ok()) return Error(bytes.status());
  proto::LedgerExport ledger;
  if (!ledger.ParseFromString(*bytes)) return "error: undecodable ledger";
  return absl::StrCat("ok ledger verified entries=", ledger.records_size());
}

std::string DemoSession::Collect(const std::vector<std::string>& words) {
  if (words.size() != 2) return Usage("collect <category>");
  absl::StatusOr<CollectionReport> report = client_->Collect(words[1]);
  if (!report.ok()) return Error(report.status());
  // One line: "ok collected <category> events=N warnings=W: name{k=v ...} ..."
  std::string line = absl::StrCat("ok collected ", report->category,
                                  " events=", report->events.size(),
                                  " warnings=", report->warnings.size());
  const char* sep = ":";
  for (const CollectedEventReport& e : report->events) {
    std::vector<std::string> fields;
    for (const auto& [key, value] : e.fields) {
      fields.push_back(absl::StrCat(key, "=", ShortValue(value)));
    }
    absl::StrAppend(&line, sep, " ", e.name, "{", absl::StrJoin(fields, " "),
                    "}");
    sep = "";
  }
  if (!report->warnings.empty()) {
    absl::StrAppend(&line, " (", report->warnings.front(),
                    report->warnings.size() > 1 ? ", ..." : "", ")");
  }
  return line;
}

std::string DemoSession::Export(const std::vector<std::string>& words) {
  if (words.size() > 3 ||
      (words.size() == 3 && words[2] != "json" && words[2] != "proto")) {
    return Usage("export [FILE [json|proto]]");
  }
  const bool proto = words.size() == 3 && words[2] == "proto";
  absl::StatusOr<std::string> data = client_->ExportUserData(
      proto ? ExportFormat::kProtobuf : ExportFormat::kJson);
  if (!data.ok()) return Error(data.status());
  if (words.size() == 1) return absl::StrCat("ok export ", *data);
  // The user's data: owner-only (0600) whatever the umask, never through a
  // planted link. From here on the copy is the host's to keep or delete;
  // delete-all cannot reach it.
  absl::Status written = WritePrivateFile(words[1], *data);
  if (!written.ok()) return Error(written);
  return absl::StrCat("ok exported ", data->size(), " bytes to ", words[1]);
}

std::string DemoSession::Restart() {
  if (client_) {
    absl::Status closed = client_->Close(absl::Seconds(10));
    client_.reset();
    if (!closed.ok()) return Error(closed);
  }
  absl::Status opened = OpenClient();
  if (!opened.ok()) return Error(opened);
  return "ok restarted";
}

std::string DemoSession::Flush() {
  absl::Status status = client_->Flush(kFlushTimeout);
  if (!status.ok()) return Error(status);
  if (endpoints_.empty()) return "ok flushed";
  // With an endpoint configured, flush also uploads.
  absl::StatusOr<std::string> uploaded = RunUploadsForDemo();
  if (!uploaded.ok()) return Error(uploaded.status());
  return absl::StrCat("ok flushed", *uploaded);
}

}  // namespace telegate::demo
