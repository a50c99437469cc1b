package io.telegate.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/** Fresh directories under java.io.tmpdir, and file listings. */
public final class TestDirs {
  private TestDirs() {}

  public static File fresh(String prefix) {
    try {
      return Files.createTempDirectory(prefix).toFile();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /** Every regular file below {@code dir}. */
  public static List<File> files(File dir) {
    List<File> out = new ArrayList<>();
    File[] children = dir.listFiles();
    if (children == null) return out;
    for (File f : children) {
      if (f.isDirectory()) {
        out.addAll(files(f));
      } else {
        out.add(f);
      }
    }
    return out;
  }

  public static void deleteRecursively(File f) {
    File[] children = f.listFiles();
    if (children != null) {
      for (File c : children) deleteRecursively(c);
    }
    f.delete();
  }
}
