package io.telegate;

/**
 * Told when a category opens or closes, and why ({@link Telegate#addStatusListener}), so a
 * settings screen can stay current without polling. Runs on the Executor the app chose, one
 * call per transition, in the order the transitions happened. When it runs, {@link
 * Telegate#categoryStatus} already shows the change.
 */
public interface StatusListener {
  void onCategoryChange(CategoryChange change);
}
