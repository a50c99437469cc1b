// TGTrackResult: what -[TGClient track:event:attributes:] did with an event.
//
// Track is the hot path: it returns this enum instead of an NSError, and on
// a closed category it allocates no error and no object at all.
#ifndef TELEGATE_TG_TRACK_RESULT_H_
#define TELEGATE_TG_TRACK_RESULT_H_

#import <Telegate/TGDefines.h>

typedef NS_ENUM(NSInteger, TGTrackResult) {
  // Queued for the writer thread (stored at the next commit unless a revoke
  // intervenes).
  TGTrackResultQueued = 0,
  // The category is closed: the event was dropped and counted
  // (TGDropCounts.closed). Not an error: this is the normal answer while
  // the user has not switched the category on.
  TGTrackResultClosed = 1,
  // The in-memory queue is full: the event was dropped and counted.
  TGTrackResultQueueFull = 2,
  // Bad input: an unknown category, an undeclared event or attribute, a
  // value of the wrong type or class, nil / NSNull, a string with an
  // unpaired UTF-16 surrogate. -track:event:attributes:error: says which.
  TGTrackResultInvalidArgument = 3,
  // The client was closed.
  TGTrackResultClientClosed = 4,
} NS_SWIFT_NAME(TrackResult);

#endif  // TELEGATE_TG_TRACK_RESULT_H_
