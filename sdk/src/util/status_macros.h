// Early-return helpers for absl::Status (Debian's abseil 20220623 has no
// ABSL_RETURN_IF_ERROR).
//
//   TELEGATE_RETURN_IF_ERROR(db->Exec("BEGIN"));
//   TELEGATE_ASSIGN_OR_RETURN(SecretBytes key, keys->Get("telegate.db"));
#ifndef TELEGATE_UTIL_STATUS_MACROS_H_
#define TELEGATE_UTIL_STATUS_MACROS_H_

#include "absl/status/status.h"
#include "absl/status/statusor.h"

#define TELEGATE_RETURN_IF_ERROR(expr)                  \
  do {                                                  \
    ::absl::Status telegate_status_ = (expr);           \
    if (!telegate_status_.ok()) return telegate_status_; \
  } while (0)

#define TELEGATE_STATUS_CONCAT_INNER_(a, b) a##b
#define TELEGATE_STATUS_CONCAT_(a, b) TELEGATE_STATUS_CONCAT_INNER_(a, b)

#define TELEGATE_ASSIGN_OR_RETURN(lhs, expr) \
  TELEGATE_ASSIGN_OR_RETURN_IMPL_(           \
      TELEGATE_STATUS_CONCAT_(telegate_statusor_, __LINE__), lhs, expr)

#define TELEGATE_ASSIGN_OR_RETURN_IMPL_(statusor, lhs, expr) \
  auto statusor = (expr);                                    \
  if (!statusor.ok()) return std::move(statusor).status();   \
  lhs = std::move(statusor).value()

#endif  // TELEGATE_UTIL_STATUS_MACROS_H_
