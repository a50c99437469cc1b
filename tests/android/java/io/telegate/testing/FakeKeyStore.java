package io.telegate.testing;

import io.telegate.KeyStore;
import io.telegate.StatusCode;
import io.telegate.TelegateException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * An in-memory KeyStore that counts its calls and can be told to fail. Thread-safe. Tests
 * read keys back (as hex) to open the databases themselves.
 */
public final class FakeKeyStore implements KeyStore {
  private final Map<String, byte[]> keys = new HashMap<>();  // guarded by this
  private final SecureRandom random = new SecureRandom();
  private int gets;
  private int creates;
  private int destroys;
  private RuntimeException failure;

  @Override
  public synchronized byte[] get(String name) {
    ++gets;
    if (failure != null) throw failure;
    byte[] key = keys.get(name);
    return key == null ? null : key.clone();
  }

  @Override
  public synchronized byte[] create(String name) {
    ++creates;
    if (failure != null) throw failure;
    if (keys.containsKey(name)) {
      throw new TelegateException(StatusCode.ALREADY_EXISTS, "key " + name + " exists");
    }
    byte[] key = new byte[KEY_SIZE];
    random.nextBytes(key);
    keys.put(name, key);
    return key.clone();
  }

  @Override
  public synchronized void destroy(String name) {
    ++destroys;
    if (failure != null) throw failure;
    byte[] key = keys.remove(name);
    if (key != null) Arrays.fill(key, (byte) 0);
  }

  public synchronized boolean has(String name) {
    return keys.containsKey(name);
  }

  /** The key called {@code name} in hex, or null. */
  public synchronized String hex(String name) {
    byte[] key = keys.get(name);
    if (key == null) return null;
    StringBuilder out = new StringBuilder();
    for (byte b : key) out.append(String.format("%02x", b & 0xFF));
    return out.toString();
  }

  /** The current key of a category's event file (either rotation slot), in hex. */
  public synchronized String categoryKeyHex(String category) {
    String base = "telegate.category." + category;
    String key = hex(base);
    return key != null ? key : hex(base + ".alt");
  }

  public synchronized int size() {
    return keys.size();
  }

  public synchronized int creates() {
    return creates;
  }

  public synchronized int calls() {
    return gets + creates + destroys;
  }

  public synchronized void failWith(RuntimeException f) {
    this.failure = f;
  }
}
