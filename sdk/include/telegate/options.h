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
#include "telegate/log.h"
#include "telegate/status_observer.h"
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
  // reached, Track drops the event (counted) instead of blocking. The queue
  // never holds more than max_queued_bytes of events plus about 100 bytes of
  // bookkeeping per event, whatever the producers do; the writer commits
  // faster than a typical app tracks, so a deeper queue buys little.
  size_t max_queued_events = 10000;
  size_t max_queued_bytes = 4u << 20;

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

  // The encrypted buffer's budget, for all categories together. Past either
  // bound the oldest events of the lowest-priority category (the catalog's
  // `priority`) are deleted first, and counted as quota drops. Bytes are the
  // events' stored size; the files on disk take about 20% more (page and
  // index overhead). 0 means no bound.
  int64_t max_buffered_events = 200000;
  int64_t max_buffered_bytes = 32 << 20;

  // How long an event may stay on the device when its category's catalog
  // entry sets no retention.
  absl::Duration default_retention = absl::Hours(24 * 30);
  // Expired events are deleted at open and then, while any category holds
  // events, when the oldest one expires — but at most once per this
  // interval. With nothing buffered the client schedules nothing.
  absl::Duration retention_sweep_interval = absl::Minutes(15);

  // Batch caps, backoff and cancellation of uploads (telegate/upload.h).
  UploadOptions upload;
  // The app's identity (package name or bundle id). Collectors replace
  // device identifiers and hardware addresses with HMAC-SHA256 hashes keyed
  // by it, so two apps never see the same value for the same device.
  std::string app_id = "telegate.app";

  // Optional: an observer registered before start-up, so that it also sees
  // the transitions of the reconciliation Open runs (source kStartup: a
  // permission lost while the app was not running, a policy update). It
  // stays registered until Close. Observers added later with
  // Client::AddStatusObserver see only later transitions.
  StatusObserver status_observer;

  // Where the client's log messages go (telegate/log.h), and the lowest
  // level passed on. Empty (the default): nowhere — the library is silent
  // and never writes to stdout or stderr either way.
  LogHook log;
  LogLevel log_level = LogLevel::kInfo;
};

}  // namespace telegate

#endif  // TELEGATE_OPTIONS_H_
