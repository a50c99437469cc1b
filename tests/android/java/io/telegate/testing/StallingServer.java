package io.telegate.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback HTTP server for upload edge cases: it reads each request whole, then either
 * stalls (never answers until closed) or writes a canned answer.
 */
public final class StallingServer implements AutoCloseable {
  private final ServerSocket socket;
  private final byte[] answer;  // null: stall
  private final Thread thread;
  public final CountDownLatch requestRead = new CountDownLatch(1);
  public final AtomicInteger requests = new AtomicInteger();

  public StallingServer(byte[] answer) throws IOException {
    this.socket = new ServerSocket(0, 8, InetAddress.getByName("127.0.0.1"));
    this.answer = answer;
    this.thread = new Thread(this::serve, "stalling-server");
    thread.setDaemon(true);
    thread.start();
  }

  public String url() {
    return "http://127.0.0.1:" + socket.getLocalPort() + "/v1/batches";
  }

  private void serve() {
    while (!socket.isClosed()) {
      try (Socket s = socket.accept()) {
        requests.incrementAndGet();
        readRequest(s.getInputStream());
        requestRead.countDown();
        if (answer == null) {
          // Stall: wait for the client to give up (it disconnects on cancel).
          while (s.getInputStream().read() >= 0) {}
        } else {
          OutputStream out = s.getOutputStream();
          out.write(answer);
          out.flush();
        }
      } catch (IOException e) {
        // closed
      }
    }
  }

  private static void readRequest(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int c = in.read();
      if (c < 0) return;
      head.append((char) c);
    }
    int length = 0;
    for (String line : head.toString().split("\r\n")) {
      if (line.toLowerCase().startsWith("content-length:")) {
        length = Integer.parseInt(line.substring(15).trim());
      }
    }
    for (int i = 0; i < length; ++i) {
      if (in.read() < 0) return;
    }
  }

  public static byte[] response(int status, String extraHeaders, byte[] body) {
    String head = "HTTP/1.1 " + status + " X\r\n" + extraHeaders + "Content-Length: " + body.length
        + "\r\nConnection: close\r\n\r\n";
    byte[] h = head.getBytes(StandardCharsets.US_ASCII);
    byte[] out = new byte[h.length + body.length];
    System.arraycopy(h, 0, out, 0, h.length);
    System.arraycopy(body, 0, out, h.length, body.length);
    return out;
  }

  @Override
  public void close() throws IOException {
    socket.close();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
