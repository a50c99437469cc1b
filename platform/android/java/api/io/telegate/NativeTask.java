package io.telegate;

/**
 * A native timer task handed to a Java {@link TaskScheduler}. Runs the task registered under
 * its id, at most once; a task the native side cancelled (or whose client is gone) is no
 * longer registered, and running it does nothing.
 */
final class NativeTask implements Runnable {
  private final long id;

  NativeTask(long id) {
    this.id = id;
  }

  @Override
  public void run() {
    nativeRun(id);
  }

  private static native void nativeRun(long id);
}
