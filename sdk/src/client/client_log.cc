#include "client/client_log.h"

#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "util/log.h"

namespace telegate::client_internal {

void LogLedgerEntry(const proto::LedgerEntry& entry,
                    const absl::Status& recorded) {
  const LogLevel level = recorded.ok() ? LogLevel::kInfo : LogLevel::kError;
  if (!util_internal::LogEnabled(level)) return;
  std::string line = absl::StrCat(
      recorded.ok() ? "ledger: " : "ledger: could not record ",
      absl::AsciiStrToLower(proto::LedgerKind_Name(entry.kind())), " source=",
      absl::AsciiStrToLower(proto::LedgerSource_Name(entry.source())));
  if (!entry.category().empty())
    absl::StrAppend(&line, " category=", entry.category());
  if (!entry.permission().empty()) {
    absl::StrAppend(&line, " permission=", entry.permission(),
                    entry.on() ? " granted" : " denied");
  }
  if (entry.kind() == proto::PURGE || entry.kind() == proto::DELETE_ALL) {
    absl::StrAppend(&line, " purged_events=", entry.purged_events());
  }
  absl::StrAppend(&line, " policy=", entry.policy_major(), ".",
                  entry.policy_minor());
  if (!entry.detail().empty())
    absl::StrAppend(&line, " (", entry.detail(), ")");
  if (!recorded.ok()) absl::StrAppend(&line, ": ", recorded.ToString());
  util_internal::Log(level, line);
}

void LogIncident(const StoreIncident& incident) {
  util_internal::Log(
      LogLevel::kWarning, "store: replaced ", incident.file, " (",
      StoreProblemName(incident.problem), "): ", incident.detail,
      incident.events_lost >= 0
          ? absl::StrCat("; ", incident.events_lost, " events lost")
          : std::string("; events lost uncounted"));
}

void LogStoreErrorChange(const absl::Status& before, const absl::Status& now) {
  if (now == before) return;
  if (now.ok()) {
    util_internal::Log(LogLevel::kInfo, "store: recovered from ",
                       before.ToString());
  } else {
    util_internal::Log(LogLevel::kError, "store: ", now.ToString());
  }
}

}  // namespace telegate::client_internal
