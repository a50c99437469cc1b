package io.telegate;

/**
 * Keys for the encrypted databases (the native KeyStore seam): 32 random bytes per name.
 * io.telegate.android.AndroidKeyStore keeps them wrapped by an AES-GCM key of the Android
 * Keystore, in the app's no-backup files directory.
 *
 * <p>Called from the library's writer thread; implementations must be thread-safe. The bridge
 * copies a returned key into native memory that is wiped when freed, then overwrites the
 * returned array with zeros. Errors: throw {@link TelegateException} with the code to report
 * ({@link StatusCode#DATA_LOSS} for a key that exists but is unreadable, {@link
 * StatusCode#ALREADY_EXISTS} from {@link #create}); any other exception counts as {@link
 * StatusCode#UNAVAILABLE}, which never destroys data.
 */
public interface KeyStore {
  /** Key length in bytes. */
  int KEY_SIZE = 32;

  /** The key called {@code name}, or null if there is none. */
  byte[] get(String name);

  /** Creates a fresh random key called {@code name} and returns it. */
  byte[] create(String name);

  /** Destroys the key so that it can never be read again. Nothing to do if absent. */
  void destroy(String name);
}
