// RunUploads: the upload loop over a Transport (telegate/upload_driver.h).
#include <exception>
#include <new>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "telegate/upload_driver.h"
#include "util/secure_memory.h"

namespace telegate {

namespace {

// The body is plaintext this loop holds: wiped however the step ends.
class WipeOnExit {
 public:
  explicit WipeOnExit(std::string* body) : body_(body) {}
  ~WipeOnExit() { util_internal::WipeStdString(body_); }
  WipeOnExit(const WipeOnExit&) = delete;
  WipeOnExit& operator=(const WipeOnExit&) = delete;

 private:
  std::string* body_;
};

absl::StatusOr<UploadRunResult> Run(Client& client, Transport& transport,
                                    absl::Duration timeout) {
  const absl::Time deadline = absl::Now() + timeout;
  UploadRunResult result;
  for (;;) {
    if (absl::Now() >= deadline) {
      result.timed_out = true;
      return result;
    }
    absl::StatusOr<UploadTask> task = client.GetUploadTask();
    if (!task.ok()) return task.status();
    if (task->kind == UploadTask::Kind::kDone) return result;
    if (task->kind == UploadTask::Kind::kWait) {
      result.wait = task->wait;
      return result;
    }
    WipeOnExit wipe(&task->request.body);
    const UploadRequest& request = task->request;
    if (request.control == nullptr || !request.control->BeginSend()) {
      ++result.batches_cancelled;  // a revoke got there first
      continue;
    }
    ++result.batches_sent;
    UploadResponse response = transport.Send(request);
    absl::StatusOr<UploadVerdict> verdict =
        client.ReportUploadResult(request.task_id, response);
    if (!verdict.ok()) return verdict.status();
    switch (*verdict) {
      case UploadVerdict::kAcknowledged:
        ++result.batches_acknowledged;
        result.events_acknowledged += request.event_count;
        break;
      case UploadVerdict::kRetry:
        // The endpoint now backs off: the next task says how long.
        ++result.batches_retry;
        break;
      case UploadVerdict::kRejected:
        ++result.batches_rejected;
        break;
      case UploadVerdict::kDiscarded:
        ++result.batches_cancelled;
        break;
    }
  }
}

}  // namespace

absl::StatusOr<UploadRunResult> RunUploads(Client& client, Transport& transport,
                                           absl::Duration timeout) {
  try {
    return Run(client, transport, timeout);
  } catch (const std::bad_alloc&) {
    return absl::ResourceExhaustedError("out of memory");
  } catch (const std::exception& e) {
    return absl::InternalError(absl::StrCat("upload run failed: ", e.what()));
  } catch (...) {
    return absl::InternalError("upload run failed");
  }
}

}  // namespace telegate
