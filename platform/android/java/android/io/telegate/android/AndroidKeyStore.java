package io.telegate.android;

import android.content.Context;
import android.security.keystore.KeyGenParameterSpec;
import android.security.keystore.KeyProperties;
import io.telegate.KeyStore;
import io.telegate.StatusCode;
import io.telegate.TelegateException;
import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.spec.GCMParameterSpec;

/**
 * The database keys: 32 random bytes each, wrapped (AES-256-GCM, the key's name as associated
 * data) by a key of its own that never leaves the Android Keystore (alias "telegate.wrap." +
 * name), and stored one file per key in the app's no-backup files directory — never in shared
 * preferences, never in a backup. Destroying a key deletes its Keystore key as well as its
 * file, so whatever remains of the file (a flash block, a copy) can never be unwrapped again:
 * the crypto-erasure a revoke relies on. A file restored onto another device, or whose
 * Keystore key is gone, is reported as lost (the library then starts a fresh database).
 *
 * <p>File format: one version byte (1), the 12-byte GCM IV, the ciphertext with its 16-byte tag.
 * Files are written to a temporary file, synced and renamed; destroyed files are overwritten
 * with zeros and synced before removal. Thread-safe.
 */
public final class AndroidKeyStore implements KeyStore {
  static final String PROVIDER = "AndroidKeyStore";
  static final String ALIAS_PREFIX = "telegate.wrap.";
  private static final byte VERSION = 1;
  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final String TRANSFORMATION = "AES/GCM/NoPadding";

  private final File dir;
  private final SecureRandom random = new SecureRandom();

  /** Keys in {@code getNoBackupFilesDir()/telegate-keys}. */
  public AndroidKeyStore(Context context) {
    this(new File(context.getNoBackupFilesDir(), "telegate-keys"));
  }

  AndroidKeyStore(File dir) {
    this.dir = dir;
  }

  @Override
  public synchronized byte[] get(String name) {
    File file = fileOf(name);
    if (!file.exists()) return null;
    byte[] stored;
    try {
      stored = Files.readAllBytes(file.toPath());
    } catch (IOException e) {
      throw new TelegateException(StatusCode.UNAVAILABLE, "cannot read key " + name + ": " + e);
    }
    if (stored.length != 1 + IV_BYTES + KEY_SIZE + TAG_BITS / 8 || stored[0] != VERSION) {
      throw new TelegateException(StatusCode.DATA_LOSS, "key file " + name + " is malformed");
    }
    Key wrapping = wrappingKey(name, false);
    if (wrapping == null) {
      throw new TelegateException(
          StatusCode.DATA_LOSS, "the Keystore key that wrapped " + name + " is gone");
    }
    try {
      Cipher cipher = Cipher.getInstance(TRANSFORMATION);
      cipher.init(
          Cipher.DECRYPT_MODE, wrapping, new GCMParameterSpec(TAG_BITS, stored, 1, IV_BYTES));
      cipher.updateAAD(name.getBytes(StandardCharsets.UTF_8));
      return cipher.doFinal(stored, 1 + IV_BYTES, stored.length - 1 - IV_BYTES);
    } catch (AEADBadTagException e) {
      throw new TelegateException(StatusCode.DATA_LOSS, "key " + name + " does not unwrap");
    } catch (GeneralSecurityException e) {
      throw new TelegateException(StatusCode.UNAVAILABLE, "cannot unwrap key " + name + ": " + e);
    }
  }

  @Override
  public synchronized byte[] create(String name) {
    File file = fileOf(name);
    if (file.exists()) {
      throw new TelegateException(StatusCode.ALREADY_EXISTS, "key " + name + " exists");
    }
    byte[] key = new byte[KEY_SIZE];
    random.nextBytes(key);
    byte[] stored;
    try {
      Cipher cipher = Cipher.getInstance(TRANSFORMATION);
      // The Keystore picks the IV (it refuses caller-chosen ones).
      cipher.init(Cipher.ENCRYPT_MODE, wrappingKey(name, true));
      cipher.updateAAD(name.getBytes(StandardCharsets.UTF_8));
      byte[] sealed = cipher.doFinal(key);
      byte[] iv = cipher.getIV();
      if (iv == null || iv.length != IV_BYTES) {
        throw new GeneralSecurityException("unexpected IV length");
      }
      stored = new byte[1 + IV_BYTES + sealed.length];
      stored[0] = VERSION;
      System.arraycopy(iv, 0, stored, 1, IV_BYTES);
      System.arraycopy(sealed, 0, stored, 1 + IV_BYTES, sealed.length);
    } catch (GeneralSecurityException e) {
      Arrays.fill(key, (byte) 0);
      throw new TelegateException(StatusCode.UNAVAILABLE, "cannot wrap key " + name + ": " + e);
    }
    try {
      writeDurably(file, stored);
    } catch (IOException e) {
      Arrays.fill(key, (byte) 0);
      throw new TelegateException(StatusCode.UNAVAILABLE, "cannot store key " + name + ": " + e);
    }
    return key;
  }

  @Override
  public synchronized void destroy(String name) {
    File file = fileOf(name);
    // The Keystore key first: from then on no copy of the file unwraps.
    try {
      java.security.KeyStore keystore = java.security.KeyStore.getInstance(PROVIDER);
      keystore.load(null);
      if (keystore.containsAlias(ALIAS_PREFIX + name)) keystore.deleteEntry(ALIAS_PREFIX + name);
    } catch (GeneralSecurityException | IOException e) {
      throw new TelegateException(StatusCode.UNAVAILABLE, "Android Keystore: " + e);
    }
    if (!file.exists()) return;
    try (RandomAccessFile raf = new RandomAccessFile(file, "rws")) {
      raf.write(new byte[(int) raf.length()]);
      raf.getFD().sync();
    } catch (IOException e) {
      throw new TelegateException(StatusCode.UNAVAILABLE, "cannot wipe key " + name + ": " + e);
    }
    if (!file.delete()) {
      throw new TelegateException(StatusCode.UNAVAILABLE, "cannot delete key " + name);
    }
  }

  /** The file of key {@code name}; names are the library's own, but checked all the same. */
  private File fileOf(String name) {
    if (name.isEmpty() || name.startsWith(".") || !name.matches("[A-Za-z0-9._-]+")) {
      throw new TelegateException(StatusCode.INVALID_ARGUMENT, "bad key name " + name);
    }
    return new File(dir, name + ".key");
  }

  /** Key {@code name}'s wrapping key; a fresh one when {@code create}; null if absent. */
  private Key wrappingKey(String name, boolean create) {
    final String alias = ALIAS_PREFIX + name;
    try {
      java.security.KeyStore keystore = java.security.KeyStore.getInstance(PROVIDER);
      keystore.load(null);
      if (!create) return keystore.getKey(alias, null);
      // A leftover of a crash between creating the Keystore key and the file.
      if (keystore.containsAlias(alias)) keystore.deleteEntry(alias);
      KeyGenerator generator = KeyGenerator.getInstance(KeyProperties.KEY_ALGORITHM_AES, PROVIDER);
      generator.init(
          new KeyGenParameterSpec.Builder(
                  alias, KeyProperties.PURPOSE_ENCRYPT | KeyProperties.PURPOSE_DECRYPT)
              .setBlockModes(KeyProperties.BLOCK_MODE_GCM)
              .setEncryptionPaddings(KeyProperties.ENCRYPTION_PADDING_NONE)
              .setKeySize(256)
              .build());
      return generator.generateKey();
    } catch (GeneralSecurityException | IOException e) {
      throw new TelegateException(StatusCode.UNAVAILABLE, "Android Keystore: " + e);
    }
  }

  private void writeDurably(File file, byte[] bytes) throws IOException {
    if (!dir.isDirectory() && !dir.mkdirs()) throw new IOException("cannot create " + dir);
    File temp = new File(dir, file.getName() + ".tmp");
    try (FileOutputStream out = new FileOutputStream(temp)) {
      out.write(bytes);
      out.getFD().sync();
    }
    if (!temp.renameTo(file)) {
      temp.delete();
      throw new IOException("cannot rename " + temp);
    }
  }
}
