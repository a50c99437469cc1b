#include "upload_harness.h"

#include "gtest/gtest.h"

namespace telegate::testing {

PumpResult Pump(Client* client, Transport* transport, FakeClock* clock,
                int max_steps) {
  PumpResult result;
  for (int step = 0; step < max_steps; ++step) {
    absl::StatusOr<UploadTask> task = client->GetUploadTask();
    EXPECT_TRUE(task.ok()) << task.status();
    if (!task.ok()) return result;
    switch (task->kind) {
      case UploadTask::Kind::kDone:
        result.finished = true;
        return result;
      case UploadTask::Kind::kWait:
        ++result.waits;
        result.waited += task->wait;
        clock->Advance(task->wait + absl::Milliseconds(1));
        continue;
      case UploadTask::Kind::kUpload:
        break;
    }
    if (!task->request.control->BeginSend()) {
      ++result.cancelled;
      continue;
    }
    ++result.sent;
    UploadResponse response = transport->Send(task->request);
    absl::StatusOr<UploadVerdict> verdict =
        client->ReportUploadResult(task->request.task_id, response);
    EXPECT_TRUE(verdict.ok()) << verdict.status();
    if (!verdict.ok()) return result;
    switch (*verdict) {
      case UploadVerdict::kAcknowledged:
        ++result.acknowledged;
        break;
      case UploadVerdict::kRetry:
        ++result.retried;
        break;
      case UploadVerdict::kRejected:
        ++result.rejected;
        break;
      case UploadVerdict::kDiscarded:
        ++result.cancelled;
        break;
    }
  }
  return result;
}

UploadTask NextTask(Client* client) {
  absl::StatusOr<UploadTask> task = client->GetUploadTask();
  EXPECT_TRUE(task.ok()) << task.status();
  return task.ok() ? *std::move(task) : UploadTask();
}

std::unique_ptr<desktop::CurlTransport> MakeCurlTransport() {
  desktop::CurlTransportOptions options;
  options.timeout = absl::Seconds(20);
  auto transport = desktop::CurlTransport::Create(options);
  EXPECT_TRUE(transport.ok()) << transport.status();
  return transport.ok() ? *std::move(transport) : nullptr;
}

collector::DecodedBatch DecodeOrDie(const std::string& body) {
  static const collector::BatchDecoder* decoder = new collector::BatchDecoder();
  absl::StatusOr<collector::DecodedBatch> batch = decoder->Decode(body);
  EXPECT_TRUE(batch.ok()) << batch.status();
  return batch.ok() ? *std::move(batch) : collector::DecodedBatch();
}

std::set<std::string> CategoriesOf(const collector::DecodedBatch& batch) {
  std::set<std::string> categories;
  for (const proto::Event& e : batch.events) categories.insert(e.category());
  return categories;
}

std::string CollectInstallId(Client* client) {
  EXPECT_TRUE(client->SetConsent("device.identifiers", true).ok());
  absl::StatusOr<CollectionReport> report =
      client->Collect("device.identifiers");
  EXPECT_TRUE(report.ok()) << report.status();
  if (!report.ok()) return "";
  for (const CollectedEventReport& e : report->events) {
    for (const auto& [key, value] : e.fields) {
      if (key == "install_id") return value;
    }
  }
  ADD_FAILURE() << "no install_id collected";
  return "";
}

int64_t Buffered(Client* client) {
  int64_t n = 0;
  for (const CategoryStatus& s : client->GetCategoryStatus()) {
    n += s.buffered_events;
  }
  return n;
}

int64_t Buffered(Client* client, const std::string& category) {
  for (const CategoryStatus& s : client->GetCategoryStatus()) {
    if (s.name == category) return s.buffered_events;
  }
  return -1;
}

}  // namespace telegate::testing
