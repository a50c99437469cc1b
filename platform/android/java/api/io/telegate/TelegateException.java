package io.telegate;

/**
 * An error of the Telegate library, carrying the status code of the native core. Thrown by
 * every {@link Telegate} method except {@code track}'s normal outcomes (a closed category or a
 * full queue are {@link TrackResult}s). Seams may throw it too, to report a specific code
 * (e.g. {@link StatusCode#NOT_FOUND} from {@link KeyStore#get}); any other exception from a
 * seam counts as {@link StatusCode#UNAVAILABLE}.
 *
 * <p>Programming errors are the JDK's own: null or mistyped arguments throw {@link
 * IllegalArgumentException}, calls after close throw {@link IllegalStateException}.
 */
public class TelegateException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final StatusCode code;

  public TelegateException(StatusCode code, String message) {
    super(code + ": " + message);
    this.code = code;
  }

  /** From the native side: absl::StatusCode number and message. */
  TelegateException(int code, String message) {
    this(StatusCode.forNumber(code), message);
  }

  public StatusCode code() {
    return code;
  }
}
