package io.telegate.testing;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The C++ forensic helpers (tests/support/forensics.h), run as the native program
 * telegate_android_forensics (system property telegate.forensics): tests look at the bytes,
 * not the API.
 */
public final class Forensics {
  private Forensics() {}

  /**
   * Decrypted pages of the SQLCipher file (live, free, and every WAL frame) that hold {@code
   * marker}; -1 if the key does not open it.
   */
  public static int pagesContaining(File db, String hexKey, String marker) {
    String out = run("pages", db.getPath(), hexKey, marker);
    return out.startsWith("pages=") ? Integer.parseInt(out.substring(6).trim()) : -1;
  }

  /** Rows of the events table; -1 if the key does not open it. */
  public static long rows(File db, String hexKey) {
    String out = run("rows", db.getPath(), hexKey);
    return out.startsWith("rows=") ? Long.parseLong(out.substring(5).trim()) : -1;
  }

  /** Files below {@code dir} whose raw bytes hold {@code marker}. */
  public static List<String> filesContaining(File dir, String marker) {
    String[] lines = run("files", dir.getPath(), marker).split("\n");
    List<String> files = new ArrayList<>();
    for (int i = 1; i < lines.length; ++i) {
      if (!lines[i].isEmpty()) files.add(lines[i]);
    }
    return files;
  }

  private static String run(String... args) {
    String tool = System.getProperty("telegate.forensics");
    if (tool == null) throw new AssertionError("telegate.forensics is not set");
    List<String> command = new ArrayList<>();
    command.add(tool);
    for (String a : args) command.add(a);
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = readAll(p.getInputStream());
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("forensics tool hung");
      }
      return out;
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  static String readAll(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[4096];
    int n;
    while ((n = in.read(buffer)) > 0) out.write(buffer, 0, n);
    return new String(out.toByteArray(), StandardCharsets.UTF_8);
  }
}
