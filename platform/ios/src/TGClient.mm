#import "Telegate/TGClient.h"

#include <algorithm>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#import "Telegate/TGError.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "attribute_convert.h"
#include "objc_device_seams.h"
#include "objc_key_store.h"
#include "objc_memory.h"
#include "objc_permission_source.h"
#include "objc_transport.h"
#include "seam_guard.h"
#include "status_convert.h"
#include "status_observation.h"
#include "string_convert.h"
#include "telegate/client.h"
#include "telegate/upload_driver.h"
#include "value_bridge.h"

using telegate::ios_internal::ArgToUtf8;
using telegate::ios_internal::CatchObjcException;
using telegate::ios_internal::ClassName;
using telegate::ios_internal::ConvertTrackArguments;
using telegate::ios_internal::DurationFromSeconds;
using telegate::ios_internal::kMaxArgumentUnits;
using telegate::ios_internal::kMaxNameUnits;
using telegate::ios_internal::ReportStatus;
using telegate::ios_internal::ToNSData;
using telegate::ios_internal::ToNSError;
using telegate::ios_internal::TrackArguments;

namespace {

// Everything a TGClient owns. The seam adapters are declared first: they
// must outlive the C++ client, which is destroyed first.
struct ClientBox {
  std::unique_ptr<telegate::ios_internal::ObjcPermissionSource> permissions;
  std::unique_ptr<telegate::ios_internal::ObjcKeyStore> keys;
  std::unique_ptr<telegate::ios_internal::ObjcDeviceFacts> facts;
  std::unique_ptr<telegate::ios_internal::ObjcDeviceIdentity> identity;
  telegate::Env env;
  // Longest string attribute value worth converting (UTF-16 code units):
  // every unit is at least one byte of the encoded event.
  size_t max_value_units = 0;
  std::unique_ptr<telegate::Client> client;
  // Every status observation made on this client (its options' included),
  // detached before the client is destroyed.
  std::mutex observations_mu;
  std::vector<std::weak_ptr<telegate::ios_internal::ObservationState>> observations;

  void Remember(std::shared_ptr<telegate::ios_internal::ObservationState> state) {
    std::lock_guard<std::mutex> lock(observations_mu);
    observations.erase(std::remove_if(observations.begin(), observations.end(),
                                      [](const auto& weak) { return weak.expired(); }),
                       observations.end());
    observations.push_back(std::move(state));
  }
  void DetachObservations() {
    std::lock_guard<std::mutex> lock(observations_mu);
    for (const auto& weak : observations) {
      if (auto state = weak.lock()) state->Detach();
    }
  }
};

// How long a client deallocated while open waits for its writer thread.
constexpr absl::Duration kDeallocCloseTimeout = absl::Seconds(10);

TGTrackResult TrackResultFor(const absl::Status& status) {
  switch (status.code()) {
    case absl::StatusCode::kOk:
      return TGTrackResultQueued;
    case absl::StatusCode::kPermissionDenied:
      return TGTrackResultClosed;
    case absl::StatusCode::kResourceExhausted:
      return TGTrackResultQueueFull;
    case absl::StatusCode::kFailedPrecondition:
      return TGTrackResultClientClosed;
    default:
      return TGTrackResultInvalidArgument;
  }
}

// Reads `options` into a ClientBox (without opening the client).
absl::Status ReadOptions(id options, ClientBox* box, telegate::ClientOptions* out) {
  if (![options isKindOfClass:[TGOptions class]]) {
    return absl::InvalidArgumentError(
        absl::StrCat("options must be a TGOptions, not ", ClassName(options)));
  }
  TGOptions* o = static_cast<TGOptions*>(options);
  absl::Status status =
      ArgToUtf8([o dataDirectory], "options.dataDirectory", kMaxArgumentUnits, &out->data_dir);
  if (!status.ok()) return status;
  status = ArgToUtf8([o appIdentifier], "options.appIdentifier", kMaxArgumentUnits, &out->app_id);
  if (!status.ok()) return status;
  if ([o permissionSource] == nil || [o keyStore] == nil) {
    return absl::InvalidArgumentError("options.permissionSource and options.keyStore are required");
  }
  box->permissions =
      std::make_unique<telegate::ios_internal::ObjcPermissionSource>([o permissionSource]);
  box->keys = std::make_unique<telegate::ios_internal::ObjcKeyStore>([o keyStore]);
  box->env.permissions = box->permissions.get();
  box->env.key_store = box->keys.get();
  if ([o deviceFacts] != nil) {
    box->facts = std::make_unique<telegate::ios_internal::ObjcDeviceFacts>([o deviceFacts]);
    box->env.device_facts = box->facts.get();
  }
  if ([o deviceIdentity] != nil) {
    box->identity =
        std::make_unique<telegate::ios_internal::ObjcDeviceIdentity>([o deviceIdentity]);
    box->env.device_identity = box->identity.get();
  }
  NSData* policy = [o policyDocument];
  if (policy != nil) {
    out->policy_document.assign(static_cast<const char*>([policy bytes]), [policy length]);
  }
  out->open_timeout = DurationFromSeconds([o openTimeout]);
  out->control_timeout = DurationFromSeconds([o controlTimeout]);
  out->max_queued_events = [o maxQueuedEvents];
  out->max_queued_bytes = [o maxQueuedBytes];
  out->max_batch_events = [o maxBatchEvents];
  out->max_batch_delay = DurationFromSeconds([o maxBatchDelay]);
  out->max_buffered_events = [o maxBufferedEvents];
  out->max_buffered_bytes = [o maxBufferedBytes];
  if ([o statusObserverQueue] != nil && [o statusObserverBlock] != nil) {
    // Registered before start-up; stays until close (no handle to remove it).
    auto state = std::make_shared<telegate::ios_internal::ObservationState>();
    out->status_observer = telegate::ios_internal::MakeObjcStatusObserver(
        state, [o statusObserverQueue], [o statusObserverBlock]);
    box->Remember(std::move(state));
  }
  out->env = &box->env;
  box->max_value_units = out->max_event_bytes;
  return absl::OkStatus();
}

absl::Status ReadEndpoints(id endpoints, std::vector<telegate::Endpoint>* out) {
  if (![endpoints isKindOfClass:[NSArray class]]) {
    return absl::InvalidArgumentError(
        absl::StrCat("endpoints must be an NSArray, not ", ClassName(endpoints)));
  }
  for (id item in static_cast<NSArray*>(endpoints)) {
    if (![item isKindOfClass:[TGEndpoint class]]) {
      return absl::InvalidArgumentError(
          absl::StrCat("endpoints must hold TGEndpoint objects, not ", ClassName(item)));
    }
    TGEndpoint* e = static_cast<TGEndpoint*>(item);
    telegate::Endpoint endpoint;
    absl::Status status = ArgToUtf8([e url], "endpoint url", kMaxArgumentUnits, &endpoint.url);
    if (!status.ok()) return status;
    status = ArgToUtf8([e region], "endpoint region", kMaxNameUnits, &endpoint.region);
    if (!status.ok()) return status;
    endpoint.partner = [e isPartner];
    out->push_back(std::move(endpoint));
  }
  return absl::OkStatus();
}

// Runs `read` (which reads the app's objects) and turns an Objective-C
// exception into kInvalidArgument naming `what`.
template <typename Read>
absl::Status ReadArguments(absl::string_view what, Read&& read) {
  absl::Status status;
  std::string thrown;
  if (!CatchObjcException([&] { status = read(); }, &thrown)) {
    return absl::InvalidArgumentError(absl::StrCat("reading ", what, " raised ", thrown));
  }
  return status;
}

}  // namespace

@interface TGClient ()
- (instancetype)initWithBox:(ClientBox*)box;
@end

@implementation TGClient

- (instancetype)initWithBox:(ClientBox*)box {
  if ((self = [super init])) {
    _impl = box;
  }
  return self;
}

- (ClientBox*)box {
  return static_cast<ClientBox*>(_impl);
}

- (telegate::Client*)client {
  return static_cast<ClientBox*>(_impl)->client.get();
}

+ (instancetype)openWithOptions:(TGOptions*)options error:(NSError**)error {
  auto box = std::make_unique<ClientBox>();
  telegate::ClientOptions client_options;
  absl::Status status =
      ReadArguments("options", [&] { return ReadOptions(options, box.get(), &client_options); });
  if (!status.ok()) {
    ReportStatus(status, error);
    return nil;
  }
  absl::StatusOr<std::unique_ptr<telegate::Client>> client = telegate::Client::Open(client_options);
  if (!client.ok()) {
    ReportStatus(client.status(), error);
    return nil;
  }
  box->client = *std::move(client);
  return TG_AUTORELEASE([[self alloc] initWithBox:box.release()]);
}

- (void)dealloc {
  ClientBox* box = [self box];
  if (box != nullptr) {
    absl::Status closed = box->client->Close(kDeallocCloseTimeout);
    box->DetachObservations();
    if (absl::IsDeadlineExceeded(closed)) {
      // The writer thread still runs and still calls the seams: they, and
      // the client, must stay alive. Leaked on purpose (once per client
      // whose writer hung).
    } else {
      delete box;
    }
  }
  TG_SUPER_DEALLOC();
}

// --- Events ---

- (TGTrackResult)track:(NSString*)category
                 event:(NSString*)event
            attributes:(NSDictionary<NSString*, id>*)attributes {
  return [self track:category event:event attributes:attributes error:NULL];
}

- (TGTrackResult)track:(NSString*)category
                 event:(NSString*)event
            attributes:(NSDictionary<NSString*, id>*)attributes
                 error:(NSError**)error {
  ClientBox* box = [self box];
  TrackArguments args;
  absl::Status status = ReadArguments("the event", [&] {
    return ConvertTrackArguments(category, event, attributes, box->max_value_units, &args);
  });
  if (status.ok()) {
    status = box->client->Track(args.category, args.event, args.span());
  }
  const TGTrackResult result = TrackResultFor(status);
  if (error != nullptr && result != TGTrackResultQueued && result != TGTrackResultClosed) {
    *error = ToNSError(status);
  }
  return result;
}

- (TGCollectionReport*)collect:(NSString*)category error:(NSError**)error {
  std::string name;
  absl::Status status = ArgToUtf8(category, "category", kMaxNameUnits, &name);
  if (!ReportStatus(status, error)) return nil;
  absl::StatusOr<telegate::CollectionReport> report = [self client]->Collect(name);
  if (!ReportStatus(report.status(), error)) return nil;
  return TG_AUTORELEASE([[TGCollectionReport alloc] initWithReport:*report]);
}

// --- Consent and permissions ---

- (BOOL)setConsent:(BOOL)on forCategory:(NSString*)category error:(NSError**)error {
  std::string name;
  absl::Status status = ArgToUtf8(category, "category", kMaxNameUnits, &name);
  if (status.ok()) status = [self client]->SetConsent(name, on);
  return ReportStatus(status, error);
}

- (BOOL)setAllConsents:(BOOL)on error:(NSError**)error {
  return ReportStatus([self client]->SetAllConsents(on), error);
}

- (BOOL)acceptPolicy:(NSString*)version error:(NSError**)error {
  std::string text;
  absl::Status status = ArgToUtf8(version, "policy version", kMaxNameUnits, &text);
  if (status.ok()) status = [self client]->AcceptPolicy(text);
  return ReportStatus(status, error);
}

- (BOOL)setMinor:(BOOL)underFourteen error:(NSError**)error {
  return ReportStatus([self client]->SetMinor(underFourteen), error);
}

- (BOOL)setGuardianConsent:(BOOL)given error:(NSError**)error {
  return ReportStatus([self client]->SetGuardianConsent(given), error);
}

- (BOOL)refreshPermissions:(NSError**)error {
  return ReportStatus([self client]->RefreshPermissions(), error);
}

- (NSArray<TGCategoryStatus*>*)categoryStatus {
  std::vector<telegate::CategoryStatus> rows = [self client]->GetCategoryStatus();
  NSMutableArray<TGCategoryStatus*>* result = [NSMutableArray arrayWithCapacity:rows.size()];
  for (const telegate::CategoryStatus& row : rows) {
    TGCategoryStatus* status = [[TGCategoryStatus alloc] initWithStatus:row];
    [result addObject:status];
    TG_RELEASE(status);
  }
  return result;
}

- (TGStatusObservation*)addStatusObserverOnQueue:(TGQueue)queue
                                      usingBlock:(TGStatusObserverBlock)block
                                           error:(NSError**)error {
  if (queue == nil || block == nil) {
    ReportStatus(absl::InvalidArgumentError(queue == nil ? "queue is nil" : "block is nil"), error);
    return nil;
  }
  ClientBox* box = [self box];
  auto state = std::make_shared<telegate::ios_internal::ObservationState>();
  absl::StatusOr<uint64_t> observer_id = box->client->AddStatusObserver(
      telegate::ios_internal::MakeObjcStatusObserver(state, queue, block));
  if (!ReportStatus(observer_id.status(), error)) return nil;
  state->Attach(box->client.get(), *observer_id);
  box->Remember(state);
  return TG_AUTORELEASE([[TGStatusObservation alloc] initWithState:std::move(state)]);
}

// --- User rights and proof ---

- (NSData*)exportUserDataInFormat:(TGExportFormat)format error:(NSError**)error {
  telegate::ExportFormat cpp_format;
  switch (format) {
    case TGExportFormatProtobuf:
      cpp_format = telegate::ExportFormat::kProtobuf;
      break;
    case TGExportFormatJSON:
      cpp_format = telegate::ExportFormat::kJson;
      break;
    default:
      ReportStatus(absl::InvalidArgumentError(
                       absl::StrCat("unknown export format ", static_cast<long>(format))),
                   error);
      return nil;
  }
  absl::StatusOr<std::string> data = [self client]->ExportUserData(cpp_format);
  if (!ReportStatus(data.status(), error)) return nil;
  return ToNSData(*data);
}

- (BOOL)deleteAllData:(NSError**)error {
  return ReportStatus([self client]->DeleteAllData(), error);
}

- (BOOL)anonymize:(NSError**)error {
  return ReportStatus([self client]->Anonymize(), error);
}

- (BOOL)allowIdentification:(NSError**)error {
  return ReportStatus([self client]->AllowIdentification(), error);
}

- (NSData*)exportLedger:(NSError**)error {
  absl::StatusOr<std::string> ledger = [self client]->ExportLedger();
  if (!ReportStatus(ledger.status(), error)) return nil;
  return ToNSData(*ledger);
}

- (BOOL)verifyLedger:(NSError**)error {
  return ReportStatus([self client]->VerifyLedger(), error);
}

// --- Health ---

- (TGDropCounts*)dropCounts {
  return TG_AUTORELEASE([[TGDropCounts alloc] initWithCounts:[self client]->GetDropCounts()]);
}

- (TGStoreHealth*)storeHealth {
  return TG_AUTORELEASE([[TGStoreHealth alloc] initWithHealth:[self client]->GetStoreHealth()]);
}

- (BOOL)rotateKeys:(NSError**)error {
  return ReportStatus([self client]->RotateKeys(), error);
}

- (BOOL)flushWithTimeout:(NSTimeInterval)timeout error:(NSError**)error {
  return ReportStatus([self client]->Flush(DurationFromSeconds(timeout)), error);
}

// --- Upload ---

- (BOOL)setEndpoints:(NSArray<TGEndpoint*>*)endpoints error:(NSError**)error {
  std::vector<telegate::Endpoint> list;
  absl::Status status = ReadArguments("endpoints", [&] { return ReadEndpoints(endpoints, &list); });
  if (status.ok()) status = [self client]->SetEndpoints(std::move(list));
  return ReportStatus(status, error);
}

- (BOOL)setCrossBorderConsent:(BOOL)on
                  forCategory:(NSString*)category
                       region:(NSString*)region
                        error:(NSError**)error {
  std::string name, where;
  absl::Status status = ArgToUtf8(category, "category", kMaxNameUnits, &name);
  if (status.ok()) status = ArgToUtf8(region, "region", kMaxNameUnits, &where);
  if (status.ok()) {
    status = [self client]->SetCrossBorderConsent(name, where, on);
  }
  return ReportStatus(status, error);
}

- (TGUploadTask*)nextUploadTask:(NSError**)error {
  absl::StatusOr<telegate::UploadTask> task = [self client]->GetUploadTask();
  if (!ReportStatus(task.status(), error)) return nil;
  return TG_AUTORELEASE([[TGUploadTask alloc] initWithTask:*task]);
}

- (TGUploadVerdict)reportUploadResult:(TGUploadResponse*)response
                            forTaskID:(uint64_t)taskID
                                error:(NSError**)error {
  telegate::UploadResponse answer;
  absl::Status status = ReadArguments("the response", [&] {
    if (![response isKindOfClass:[TGUploadResponse class]]) {
      return absl::InvalidArgumentError(
          absl::StrCat("response must be a TGUploadResponse, not ", ClassName(response)));
    }
    answer.http_status = static_cast<int>([response HTTPStatus]);
    NSData* body = [response body];
    answer.body.assign(static_cast<const char*>([body bytes]),
                       std::min<size_t>([body length], telegate::kMaxUploadResponseBytes));
    return ArgToUtf8([response errorDescription], "errorDescription", kMaxArgumentUnits,
                     &answer.error);
  });
  if (!ReportStatus(status, error)) return TGUploadVerdictDiscarded;
  absl::StatusOr<telegate::UploadVerdict> verdict =
      [self client]->ReportUploadResult(taskID, answer);
  if (!ReportStatus(verdict.status(), error)) return TGUploadVerdictDiscarded;
  switch (*verdict) {
    case telegate::UploadVerdict::kAcknowledged:
      return TGUploadVerdictAcknowledged;
    case telegate::UploadVerdict::kRetry:
      return TGUploadVerdictRetry;
    case telegate::UploadVerdict::kRejected:
      return TGUploadVerdictRejected;
    case telegate::UploadVerdict::kDiscarded:
      return TGUploadVerdictDiscarded;
  }
  return TGUploadVerdictDiscarded;
}

- (TGUploadRunResult*)runUploadsWithTransport:(id<TGTransport>)transport
                                      timeout:(NSTimeInterval)timeout
                                        error:(NSError**)error {
  if (transport == nil) {
    ReportStatus(absl::InvalidArgumentError("transport is nil"), error);
    return nil;
  }
  telegate::ios_internal::ObjcTransport adapter(transport);
  absl::StatusOr<telegate::UploadRunResult> run =
      telegate::RunUploads(*[self client], adapter, DurationFromSeconds(timeout));
  if (!ReportStatus(run.status(), error)) return nil;
  return TG_AUTORELEASE([[TGUploadRunResult alloc] initWithResult:*run]);
}

// --- Lifetime ---

- (BOOL)closeWithTimeout:(NSTimeInterval)timeout error:(NSError**)error {
  return ReportStatus([self client]->Close(DurationFromSeconds(timeout)), error);
}

@end
