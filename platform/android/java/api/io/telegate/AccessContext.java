package io.telegate;

import java.util.ArrayList;
import java.util.List;

/**
 * The context of an access for log.access (the native AccessContext seam): the device's
 * address, the web views' user agent, the language. Called from the writer thread, only
 * while the category is open. Thread-safe.
 */
public interface AccessContext {
  final class Info {
    public String ip = "";
    public String browser = "";
    public String language = "";
    public final List<String> warnings = new ArrayList<>();
  }

  Info read();
}
