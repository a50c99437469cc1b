package io.telegate;

/** What the client made of a reported upload result ({@link Telegate#reportUploadResult}). */
public enum UploadVerdict {
  /** 2xx with the collector's acknowledgement of this batch: its events were deleted. */
  ACKNOWLEDGED,
  /** No answer, 408/425/429, 5xx, or 2xx without a valid acknowledgement: kept, backing off. */
  RETRY,
  /** Any other 4xx: the batch was dropped and counted. */
  REJECTED,
  /** The task was cancelled (a revoke) or is unknown: nothing changed. */
  DISCARDED;

  private static final UploadVerdict[] BY_ORDINAL = values();

  static UploadVerdict forOrdinal(int ordinal) {
    return BY_ORDINAL[ordinal];
  }
}
