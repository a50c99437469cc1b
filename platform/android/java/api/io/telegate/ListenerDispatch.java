package io.telegate;

import java.util.concurrent.Executor;

/**
 * Hands one status listener's notifications from the native notification thread to the
 * app's Executor. The native side holds it through a global reference until the listener is
 * removed or the client closes.
 */
final class ListenerDispatch {
  final Executor executor;
  final StatusListener listener;

  ListenerDispatch(Executor executor, StatusListener listener) {
    this.executor = executor;
    this.listener = listener;
  }

  /** Called by the native notification thread; never throws back into it. */
  void deliver(byte[] change) {
    try {
      final CategoryChange decoded = CategoryChange.decode(change);
      executor.execute(() -> listener.onCategoryChange(decoded));
    } catch (RuntimeException e) {
      // A rejecting (shut down) executor: the app no longer listens.
    }
  }
}
