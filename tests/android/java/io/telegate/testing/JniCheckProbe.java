package io.telegate.testing;

/**
 * Runs a careless JNI call (native/jni_check_probe.cc) so that ctest can see -Xcheck:jni
 * report it: "leak" leaks local references past a frame's capacity, "exception" ignores a
 * pending exception. Not a test class: a main for the positive controls.
 */
public final class JniCheckProbe {
  private JniCheckProbe() {}

  private static native void leakLocalReferences(int count);

  private static native void ignoreAnException(Runnable thrower);

  public static void main(String[] args) {
    System.loadLibrary("telegate_jni_check_probe");
    if (args.length == 1 && args[0].equals("leak")) {
      leakLocalReferences(100);
    } else if (args.length == 1 && args[0].equals("exception")) {
      ignoreAnException(() -> {
        throw new IllegalStateException("ignored");
      });
    } else {
      throw new IllegalArgumentException("usage: JniCheckProbe leak|exception");
    }
    System.out.println("probe done");
  }
}
