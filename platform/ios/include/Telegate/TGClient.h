// TGClient: the Telegate SDK as an iOS app sees it, over the C++ core
// (telegate::Client). Every method mirrors one of the C++ client's.
//
// Every category starts closed. A category opens only while the user's
// consent for it is on and every OS permission it needs is granted. Track on
// a closed category is refused cheaply; track on an open one queues the
// event for the client's writer thread, which owns the encrypted database.
//
//   NSError *error = nil;
//   TGClient *client = [TGClient openWithOptions:options error:&error];
//   if (client == nil) { NSLog(@"telegate: %@", error); return; }
//   [client setConsent:YES forCategory:@"log.search" error:&error];
//   [client track:@"log.search" event:@"search"
//      attributes:@{@"query" : @"shoes", @"results" : @12}];
//   [client setConsent:NO forCategory:@"log.search" error:&error];
//   // purged when this returns
//
// Attribute values: NSString, or NSNumber holding an integer, a double or a
// BOOL (kept apart: an NSNumber made from a BOOL, @YES / @NO /
// numberWithBool:, is a bool; one made from a float or double is a double;
// any other NSNumber is an integer). The type must match the catalog's
// declaration of the attribute. nil, NSNull, other classes, and strings with
// an unpaired UTF-16 surrogate are refused with TGErrorInvalidArgument.
//
// Threading: thread-safe. Every method may be called from any thread and
// none throws. track never blocks and does no I/O. The calls that wait for
// the writer thread (open, the consent and permission calls, the user-rights
// calls, flush, the upload calls, close) block the caller up to a timeout:
// call them off the main thread where the wait matters. Status observers run
// on the queue the app passes.
#ifndef TELEGATE_TG_CLIENT_H_
#define TELEGATE_TG_CLIENT_H_

#import <Telegate/TGCategoryChange.h>
#import <Telegate/TGCategoryStatus.h>
#import <Telegate/TGCollectionReport.h>
#import <Telegate/TGDefines.h>
#import <Telegate/TGDropCounts.h>
#import <Telegate/TGOptions.h>
#import <Telegate/TGQueue.h>
#import <Telegate/TGStoreHealth.h>
#import <Telegate/TGTrackResult.h>
#import <Telegate/TGTransport.h>
#import <Telegate/TGUpload.h>

NS_ASSUME_NONNULL_BEGIN

typedef NS_ENUM(NSInteger, TGExportFormat) {
  TGExportFormatProtobuf = 0,  // a serialized telegate.proto.UserDataExport
  TGExportFormatJSON = 1,      // the same content as one JSON object
} NS_SWIFT_NAME(ExportFormat);

TG_EXPORT
NS_SWIFT_NAME(Client)
@interface TGClient : NSObject {
 @private
  void *_impl;
}

// Opens a client on options.dataDirectory. Runs start-up on the writer
// thread (database open, permission reconciliation and any purge it
// requires) and waits for it up to options.openTimeout. nil with
// TGErrorInvalidArgument for a bad policy document, TGErrorNotFound /
// TGErrorFailedPrecondition for a missing or unwritable directory,
// TGErrorUnavailable (or the key store's error) when the key store cannot be
// read.
+ (nullable instancetype)openWithOptions:(TGOptions *)options
                                   error:(NSError **)error NS_SWIFT_NAME(open(options:));
- (instancetype)init TG_UNAVAILABLE;
+ (instancetype)new TG_UNAVAILABLE;

// --- Events ---

// Queues an event of `event` (declared in the catalog for `category`). Never
// blocks, never does I/O, never allocates an error; see TGTrackResult.
- (TGTrackResult)track:(NSString *)category
                 event:(NSString *)event
            attributes:(nullable NSDictionary<NSString *, id> *)attributes
    NS_SWIFT_NAME(track(_:event:attributes:));
// The same; for TGTrackResultInvalidArgument and TGTrackResultQueueFull it
// also says why in *error. A closed category leaves *error untouched (nil
// if the caller set it so) and allocates nothing.
- (TGTrackResult)track:(NSString *)category
                 event:(NSString *)event
            attributes:(nullable NSDictionary<NSString *, id> *)attributes
                 error:(NSError **)error NS_SWIFT_NAME(track(_:event:attributes:error:));

// Runs the platform collector of `category` now (on the writer thread) and
// returns what it captured. TGErrorPermissionDenied if the category is
// closed (no platform method is called), TGErrorFailedPrecondition for a
// category the app records itself (log.search, order), TGErrorUnavailable
// when the platform has no source for it.
- (nullable TGCollectionReport *)collect:(NSString *)category
                                   error:(NSError **)error NS_SWIFT_NAME(collect(_:));

// --- Consent and permissions ---

// Switches the user's consent for `category` and waits until it is durable.
// Switching off is a revocation barrier: when this returns YES, no event of
// the category is in memory or in the database, and none captured earlier
// will be stored. TGErrorDeadlineExceeded: the category is closed, the purge
// still completes.
- (BOOL)setConsent:(BOOL)on
       forCategory:(NSString *)category
             error:(NSError **)error NS_SWIFT_NAME(setConsent(_:for:));
// "Accept all" (every category that is not sensitive) / "reject all"
// (every category, as a barrier).
- (BOOL)setAllConsents:(BOOL)on error:(NSError **)error NS_SWIFT_NAME(setAllConsents(_:));
// The user accepted privacy-policy `version` ("major.minor").
- (BOOL)acceptPolicy:(NSString *)version error:(NSError **)error NS_SWIFT_NAME(acceptPolicy(_:));
// Marks the user as under 14 (or not); marking a minor purges their
// sensitive and identifying categories (a barrier).
- (BOOL)setMinor:(BOOL)underFourteen error:(NSError **)error NS_SWIFT_NAME(setMinor(_:));
- (BOOL)setGuardianConsent:(BOOL)given
                     error:(NSError **)error NS_SWIFT_NAME(setGuardianConsent(_:));
// Re-reads every OS permission from the permission source; one found gone is
// a revocation barrier. Call it when the app becomes active.
- (BOOL)refreshPermissions:(NSError **)error NS_SWIFT_NAME(refreshPermissions());

// One entry per catalog category, in catalog order.
- (NSArray<TGCategoryStatus *> *)categoryStatus;

// Registers `block`, run on `queue` for every category that opens or closes
// from now on, one change at a time in the order they happened. The block
// and the queue are retained until the observation is invalidated or the
// client closes. nil with TGErrorFailedPrecondition after close.
- (nullable TGStatusObservation *)addStatusObserverOnQueue:(TGQueue)queue
                                                usingBlock:(TGStatusObserverBlock)block
                                                     error:(NSError **)error
    NS_SWIFT_NAME(addStatusObserver(queue:using:));

// --- User rights and proof ---

// Everything held about the user: buffered events, consent state, the
// verified consent ledger, the drop counters. Plaintext: the app decides
// where it goes.
- (nullable NSData *)exportUserDataInFormat:(TGExportFormat)format
                                      error:(NSError **)error
    NS_SWIFT_NAME(exportUserData(format:));
// Account cancellation: destroys every buffered event, identifier and key,
// and the consent state; keeps one ledger entry recording the deletion.
- (BOOL)deleteAllData:(NSError **)error NS_SWIFT_NAME(deleteAllData());
// Strips identifying data irreversibly from every buffered and later event,
// until -allowIdentification:.
- (BOOL)anonymize:(NSError **)error NS_SWIFT_NAME(anonymize());
- (BOOL)allowIdentification:(NSError **)error NS_SWIFT_NAME(allowIdentification());
// The consent ledger, verified: a serialized telegate.proto.LedgerExport.
// TGErrorDataLoss if the hash chain is broken.
- (nullable NSData *)exportLedger:(NSError **)error NS_SWIFT_NAME(exportLedger());
- (BOOL)verifyLedger:(NSError **)error NS_SWIFT_NAME(verifyLedger());

// --- Health ---

- (TGDropCounts *)dropCounts;
- (TGStoreHealth *)storeHealth;
// Re-encrypts every database under fresh keys and destroys the old ones.
- (BOOL)rotateKeys:(NSError **)error NS_SWIFT_NAME(rotateKeys());
// Waits until every event queued before the call is committed (or dropped
// and counted). TGErrorDeadlineExceeded on timeout.
- (BOOL)flushWithTimeout:(NSTimeInterval)timeout
                   error:(NSError **)error NS_SWIFT_NAME(flush(timeout:));

// --- Upload ---

// Replaces the endpoints batches may go to, in order of preference.
// TGErrorInvalidArgument naming the endpoint if one is not acceptable (the
// old list then stays).
- (BOOL)setEndpoints:(NSArray<TGEndpoint *> *)endpoints
               error:(NSError **)error NS_SWIFT_NAME(setEndpoints(_:));
// The user's explicit consent (or its withdrawal) to send `category` to
// endpoints in `region`, which the catalog does not allow for it.
- (BOOL)setCrossBorderConsent:(BOOL)on
                  forCategory:(NSString *)category
                       region:(NSString *)region
                        error:(NSError **)error NS_SWIFT_NAME(setCrossBorderConsent(_:for:region:));
// The next upload task (built on the writer thread; the caller waits).
- (nullable TGUploadTask *)nextUploadTask:(NSError **)error NS_SWIFT_NAME(nextUploadTask());
// Reports what sending task `taskID` gave and returns what the client made
// of it; acknowledged events are deleted before this returns. On failure it
// returns TGUploadVerdictDiscarded and sets *error.
- (TGUploadVerdict)reportUploadResult:(TGUploadResponse *)response
                            forTaskID:(uint64_t)taskID
                                error:(NSError **)error
    NS_SWIFT_NAME(reportUploadResult(_:forTaskID:error:));
// Runs upload tasks through `transport` on the calling thread until there is
// nothing to do, the client asks to wait, or `timeout` has passed. Blocks
// while sending: call it from a background task (BGProcessingTask).
- (nullable TGUploadRunResult *)runUploadsWithTransport:(id<TGTransport>)transport
                                                timeout:(NSTimeInterval)timeout
                                                  error:(NSError **)error
    NS_SWIFT_NAME(runUploads(transport:timeout:));

// --- Lifetime ---

// Commits what is queued, stops the writer thread and closes the database;
// later calls fail with TGErrorFailedPrecondition (track:
// TGTrackResultClientClosed). TGErrorDeadlineExceeded if the writer did not
// stop in time (it finishes in the background). Idempotent. A client that is
// deallocated open is closed with a 10 s timeout.
- (BOOL)closeWithTimeout:(NSTimeInterval)timeout
                   error:(NSError **)error NS_SWIFT_NAME(close(timeout:));
@end

NS_ASSUME_NONNULL_END

#endif  // TELEGATE_TG_CLIENT_H_
