package io.telegate;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.MalformedURLException;
import java.net.Proxy;
import java.net.URL;

/**
 * Runs the client's upload tasks over {@link HttpURLConnection}: the core decides what to
 * send, where, and what an answer means; this class only sends. Call {@link #run} from a
 * background job (WorkManager, a JobService, or the app's own scheduler) and schedule the next
 * run after {@link Result#retryAfterMillis} when it is set.
 *
 * <ul>
 *   <li>Never follows a redirect (the next hop may be in another region): a 3xx is reported as
 *       it came, and the core retries later.
 *   <li>Only https; plain http to a literal loopback address (127.0.0.0/8, [::1]) for tests,
 *       never through a proxy. Anything else is refused before a connection is made.
 *   <li>Reads at most {@link #MAX_RESPONSE_BYTES} of an answer.
 *   <li>Stops when a revoke cancels the batch: the connection is dropped at once.
 * </ul>
 *
 * <p>Thread-compatible: one run at a time per worker.
 */
public final class UploadWorker {
  /** The most of an answer that is read (the native kMaxUploadResponseBytes). */
  public static final int MAX_RESPONSE_BYTES = 64 * 1024;

  /** What one {@link #run} did. */
  public static final class Result {
    public int batchesSent;
    public int batchesAcknowledged;
    public long eventsAcknowledged;
    public int batchesRetry;
    public int batchesRejected;
    public int batchesCancelled;
    /** Set when every endpoint with data is backing off: run again after this long. */
    public Long retryAfterMillis;
    /** The run stopped because its time was up. */
    public boolean timedOut;
  }

  private final Telegate telegate;
  private final int connectTimeoutMillis;
  private final int readTimeoutMillis;

  public UploadWorker(Telegate telegate) {
    this(telegate, 15_000, 30_000);
  }

  public UploadWorker(Telegate telegate, int connectTimeoutMillis, int readTimeoutMillis) {
    if (telegate == null) throw new IllegalArgumentException("null telegate");
    this.telegate = telegate;
    this.connectTimeoutMillis = connectTimeoutMillis;
    this.readTimeoutMillis = readTimeoutMillis;
  }

  /**
   * Sends batches until there is nothing to do, the client asks to wait, or {@code
   * timeoutMillis} has passed (checked between batches). Blocks while sending: never on the UI
   * thread.
   */
  public Result run(long timeoutMillis) {
    final long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
    Result result = new Result();
    for (;;) {
      if (System.nanoTime() - deadline >= 0) {
        result.timedOut = true;
        return result;
      }
      UploadTask task = telegate.nextUploadTask();
      if (task.kind == UploadTask.Kind.DONE) return result;
      if (task.kind == UploadTask.Kind.WAIT) {
        result.retryAfterMillis = task.waitMillis;
        return result;
      }
      if (!telegate.beginSend(task.taskId)) {
        ++result.batchesCancelled;  // a revoke got there first
        continue;
      }
      ++result.batchesSent;
      Response response = send(task);
      UploadVerdict verdict =
          telegate.reportUploadResult(
              task.taskId, response.status, response.body, response.error);
      switch (verdict) {
        case ACKNOWLEDGED:
          ++result.batchesAcknowledged;
          result.eventsAcknowledged += task.eventCount;
          break;
        case RETRY:
          ++result.batchesRetry;
          break;
        case REJECTED:
          ++result.batchesRejected;
          break;
        case DISCARDED:
          ++result.batchesCancelled;
          break;
      }
    }
  }

  /** What came back; status 0 when no complete response arrived. */
  private static final class Response {
    final int status;
    final byte[] body;
    final String error;

    Response(int status, byte[] body, String error) {
      this.status = status;
      this.body = body;
      this.error = error;
    }

    static Response failed(String error) {
      return new Response(0, new byte[0], error);
    }
  }

  private Response send(UploadTask task) {
    URL url;
    try {
      url = new URL(task.url);
    } catch (MalformedURLException e) {
      return Response.failed("bad url: " + e.getMessage());
    }
    Proxy proxy;
    if ("https".equals(url.getProtocol())) {
      proxy = null;  // the system's choice
    } else if ("http".equals(url.getProtocol()) && isLiteralLoopback(url.getHost())) {
      proxy = Proxy.NO_PROXY;
    } else {
      return Response.failed("refused: only https, or http to a literal loopback address");
    }
    HttpURLConnection connection;
    try {
      connection =
          (HttpURLConnection) (proxy == null ? url.openConnection() : url.openConnection(proxy));
    } catch (IOException e) {
      return Response.failed(e.toString());
    }
    final HttpURLConnection c = connection;
    telegate.setCancelHandler(task.taskId, c::disconnect);
    try {
      if (telegate.cancelRequested(task.taskId)) return Response.failed("cancelled");
      c.setInstanceFollowRedirects(false);
      c.setUseCaches(false);
      c.setDoOutput(true);
      c.setRequestMethod("POST");
      c.setConnectTimeout(connectTimeoutMillis);
      c.setReadTimeout(readTimeoutMillis);
      for (UploadTask.Header h : task.headers) c.setRequestProperty(h.name, h.value);
      c.setFixedLengthStreamingMode(task.body.length);
      try (OutputStream out = c.getOutputStream()) {
        out.write(task.body);
      }
      int status = c.getResponseCode();
      InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream();
      byte[] body = readCapped(in);
      if (telegate.cancelRequested(task.taskId)) return Response.failed("cancelled");
      return new Response(status, body, "");
    } catch (IOException | RuntimeException e) {
      if (telegate.cancelRequested(task.taskId)) return Response.failed("cancelled");
      return Response.failed(e.toString());
    } finally {
      telegate.setCancelHandler(task.taskId, null);
      c.disconnect();
    }
  }

  private static byte[] readCapped(InputStream in) throws IOException {
    if (in == null) return new byte[0];
    try (InputStream stream = in) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buffer = new byte[8192];
      while (out.size() < MAX_RESPONSE_BYTES) {
        int n = stream.read(buffer, 0, Math.min(buffer.length, MAX_RESPONSE_BYTES - out.size()));
        if (n < 0) break;
        out.write(buffer, 0, n);
      }
      return out.toByteArray();
    }
  }

  /** 127.0.0.0/8 written as four decimal numbers, or [::1]; never a name. */
  static boolean isLiteralLoopback(String host) {
    if ("[::1]".equals(host) || "::1".equals(host)) return true;
    String[] parts = host.split("\\.", -1);
    if (parts.length != 4 || !"127".equals(parts[0])) return false;
    for (String p : parts) {
      if (p.isEmpty() || p.length() > 3) return false;
      for (int i = 0; i < p.length(); ++i) {
        if (p.charAt(i) < '0' || p.charAt(i) > '9') return false;
      }
      if (Integer.parseInt(p) > 255) return false;
    }
    return true;
  }
}
