// ClientOptions: everything a host configures when it opens a client.
//
//   telegate::ClientOptions options;
//   options.data_dir = files_dir + "/telegate";   // must exist
//   options.env = &env;                           // must outlive the client
//   auto client = telegate::Client::Open(options);
#ifndef TELEGATE_OPTIONS_H_
#define TELEGATE_OPTIONS_H_

#include <cstddef>
#include <cstdint>
#include <string>

#include "absl/time/time.h"
#include "telegate/env.h"
#include "telegate/upload.h"

namespace telegate {

struct ClientOptions {
  // Directory for the encrypted database files. Must exist and be writable;
  // the client creates nothing in it until the first consent is given.
  std::string data_dir;

  // Platform seams. Borrowed; required; must outlive the client.
  const Env* env = nullptr;

  // A serialized telegate.proto.Policy (the catalog). Empty: the built-in
  // default policy, which is the SPEC's category table.
  std::string policy_document;

  // In-memory queue in front of the writer thread. When either bound is
  // reached, Track drops the event (counted) instead of blocking.
  size_t max_queued_events = 20000;
  size_t max_queued_bytes = 8u << 20;

  // The writer commits a transaction when this many events are waiting, or
  // when the oldest waiting event is this old.
  size_t max_batch_events = 500;
  absl::Duration max_batch_delay = absl::Milliseconds(100);

  // How long Open waits for the writer thread's start-up work (opening the
  // database, reconciling permissions, purging) before giving up.
  absl::Duration open_timeout = absl::Seconds(10);
  // How long consent and permission calls wait for their barrier.
  absl::Duration control_timeout = absl::Seconds(10);

  // Largest accepted event (name plus attributes, encoded).
  size_t max_event_bytes = 16u << 10;

  // Batch caps, backoff and cancellation of uploads (telegate/upload.h).
  UploadOptions upload;
  // The app's identity (package name or bundle id). Collectors replace
  // device identifiers and hardware addresses with HMAC-SHA256 hashes keyed
  // by it, so two apps never see the same value for the same device.
  std::string app_id = "telegate.app";
};

}  // namespace telegate

#endif  // TELEGATE_OPTIONS_H_
