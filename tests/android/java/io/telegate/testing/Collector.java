package io.telegate.testing;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;

/** The example collector (telegate-collector, system property telegate.collector) as a process. */
public final class Collector implements AutoCloseable {
  public final File out;
  public final String url;
  private final Process process;

  public Collector(File out) throws IOException {
    String binary = System.getProperty("telegate.collector");
    if (binary == null) throw new AssertionError("telegate.collector is not set");
    this.out = out;
    this.process =
        new ProcessBuilder(binary, "--out", out.getPath()).redirectErrorStream(true).start();
    BufferedReader reader =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String first = reader.readLine();
    if (first == null || !first.startsWith("listening ")) {
      process.destroyForcibly();
      throw new AssertionError("collector said " + first);
    }
    this.url = first.substring("listening ".length()).trim();
  }

  /** What the collector stored: one JSON line per event. */
  public String stored() throws IOException {
    return out.exists() ? new String(Files.readAllBytes(out.toPath()), StandardCharsets.UTF_8) : "";
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly();
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
