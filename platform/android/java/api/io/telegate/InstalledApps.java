package io.telegate;

import java.util.ArrayList;
import java.util.List;

/**
 * The installed application list for device.app_list (the native InstalledApps seam): package
 * names only. Called from the writer thread, only while the category is open. Thread-safe.
 */
public interface InstalledApps {
  final class AppList {
    public final List<String> packages = new ArrayList<>();
    public final List<String> warnings = new ArrayList<>();
  }

  AppList list();
}
