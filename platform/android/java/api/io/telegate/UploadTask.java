package io.telegate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The next thing to do for uploads ({@link Telegate#nextUploadTask}): send one batch, wait, or
 * nothing. The core decides; the host's HTTP stack only sends. {@link UploadWorker} runs them
 * over HttpURLConnection; an app with its own stack (OkHttp) can run them itself.
 */
public final class UploadTask {
  public enum Kind {
    /** Nothing to upload now. */
    DONE,
    /** POST {@link #body} to {@link #url} with {@link #headers}, then report the result. */
    UPLOAD,
    /** Every endpoint with data is backing off: ask again after {@link #waitMillis}. */
    WAIT
  }

  /** One HTTP request header. */
  public static final class Header {
    public final String name;
    public final String value;

    Header(String name, String value) {
      this.name = name;
      this.value = value;
    }
  }

  public final Kind kind;
  /** Names the task in {@link Telegate#reportUploadResult}. */
  public final long taskId;

  public final String url;
  public final List<Header> headers;
  /** A serialized telegate.proto.UploadBody (zstd-compressed events). */
  public final byte[] body;

  public final int eventCount;
  public final long waitMillis;

  private UploadTask(Kind kind, long taskId, String url, List<Header> headers, byte[] body,
      int eventCount, long waitMillis) {
    this.kind = kind;
    this.taskId = taskId;
    this.url = url;
    this.headers = Collections.unmodifiableList(headers);
    this.body = body;
    this.eventCount = eventCount;
    this.waitMillis = waitMillis;
  }

  /** Decodes a telegate.android.proto.UploadTask. */
  static UploadTask decode(byte[] bytes) {
    Kind kind = Kind.DONE;
    long taskId = 0;
    String url = "";
    List<Header> headers = new ArrayList<>();
    byte[] body = new byte[0];
    int events = 0;
    long wait = 0;
    ProtoReader r = new ProtoReader(bytes);
    while (r.next()) {
      switch (r.field()) {
        case 1:
          int k = r.readInt32();
          kind = k == 1 ? Kind.UPLOAD : k == 2 ? Kind.WAIT : Kind.DONE;
          break;
        case 2:
          taskId = r.readInt64();
          break;
        case 3:
          url = r.readString();
          break;
        case 4:
          headers.add(decodeHeader(r.readMessage()));
          break;
        case 5:
          body = r.readBytes();
          break;
        case 6:
          events = r.readInt32();
          break;
        case 7:
          wait = r.readInt64();
          break;
        default:
          r.skip();
      }
    }
    return new UploadTask(kind, taskId, url, headers, body, events, wait);
  }

  private static Header decodeHeader(ProtoReader r) {
    String name = "";
    String value = "";
    while (r.next()) {
      if (r.field() == 1) {
        name = r.readString();
      } else if (r.field() == 2) {
        value = r.readString();
      } else {
        r.skip();
      }
    }
    return new Header(name, value);
  }
}
