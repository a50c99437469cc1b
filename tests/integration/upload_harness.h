// Helpers for the upload tests over real HTTP on loopback: a pump that runs
// upload tasks through a transport on a fake clock, and a decoder for the
// bodies the client sends.
#ifndef TELEGATE_TESTS_INTEGRATION_UPLOAD_HARNESS_H_
#define TELEGATE_TESTS_INTEGRATION_UPLOAD_HARNESS_H_

#include <memory>
#include <set>
#include <string>
#include <vector>

#include "batch_decoder.h"
#include "fakes/fake_clock.h"
#include "telegate/desktop/curl_transport.h"
#include "telegate/telegate.h"

namespace telegate::testing {

struct PumpResult {
  int sent = 0;
  int acknowledged = 0;
  int retried = 0;
  int rejected = 0;
  int cancelled = 0;
  int waits = 0;
  absl::Duration waited = absl::ZeroDuration();  // on the fake clock
  bool finished = false;                         // reached kDone
};

// Runs tasks through `transport` until the client says kDone, moving the
// fake clock over every wait instead of sleeping. Gives up after
// `max_steps` tasks (finished stays false).
PumpResult Pump(Client* client, Transport* transport, FakeClock* clock,
                int max_steps = 5000);

// The client's next upload task (fails the test, and returns a kDone task,
// if asking fails).
UploadTask NextTask(Client* client);

// A real libcurl transport (fails the test if it cannot be made).
std::unique_ptr<desktop::CurlTransport> MakeCurlTransport();

// Decodes a body the client produced (fails the test if it does not).
collector::DecodedBatch DecodeOrDie(const std::string& body);

// The categories of the events in `batch`.
std::set<std::string> CategoriesOf(const collector::DecodedBatch& batch);

// Opens device.identifiers (consent on; READ_PHONE_STATE must be granted)
// and collects it, which creates the install id; returns that id (fails
// the test, and returns "", if there is none).
std::string CollectInstallId(Client* client);

// Sum of buffered_events over every category.
int64_t Buffered(Client* client);
int64_t Buffered(Client* client, const std::string& category);

}  // namespace telegate::testing

#endif  // TELEGATE_TESTS_INTEGRATION_UPLOAD_HARNESS_H_
