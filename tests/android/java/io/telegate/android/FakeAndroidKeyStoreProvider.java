package io.telegate.android;

import android.security.keystore.KeyGenParameterSpec;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.InvalidAlgorithmParameterException;
import java.security.Key;
import java.security.KeyStoreSpi;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Security;
import java.security.cert.Certificate;
import java.security.spec.AlgorithmParameterSpec;
import java.util.Collections;
import java.util.Date;
import java.util.Enumeration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.KeyGeneratorSpi;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * A JCA provider named "AndroidKeyStore" for the JVM: a KeyStore and an AES KeyGenerator that,
 * like the Android Keystore, keep a generated key under the alias of its KeyGenParameterSpec.
 * The keys are ordinary AES keys, so the JDK's own AES/GCM does the wrapping (and, like the
 * Keystore, picks the IV). {@link #wipe} plays a Keystore that lost its keys.
 */
public final class FakeAndroidKeyStoreProvider extends Provider {
  private static final long serialVersionUID = 1L;
  static final Map<String, SecretKey> KEYS = new ConcurrentHashMap<>();

  public FakeAndroidKeyStoreProvider() {
    super("AndroidKeyStore", "1.0", "JVM stand-in for the Android Keystore");
    put("KeyStore.AndroidKeyStore", Store.class.getName());
    put("KeyGenerator.AES", Generator.class.getName());
  }

  public static synchronized void install() {
    if (Security.getProvider("AndroidKeyStore") == null) {
      Security.addProvider(new FakeAndroidKeyStoreProvider());
    }
  }

  /** The Keystore forgets every key (a factory reset, a restore on a new device). */
  public static void wipe() {
    KEYS.clear();
  }

  public static final class Generator extends KeyGeneratorSpi {
    private String alias;
    private int bits = 256;
    private final SecureRandom random = new SecureRandom();

    @Override
    protected void engineInit(SecureRandom r) {}

    @Override
    protected void engineInit(AlgorithmParameterSpec params, SecureRandom r)
        throws InvalidAlgorithmParameterException {
      if (!(params instanceof KeyGenParameterSpec)) {
        throw new InvalidAlgorithmParameterException("needs a KeyGenParameterSpec");
      }
      KeyGenParameterSpec spec = (KeyGenParameterSpec) params;
      alias = spec.getKeystoreAlias();
      bits = spec.getKeySize();
    }

    @Override
    protected void engineInit(int keysize, SecureRandom r) {
      bits = keysize;
    }

    @Override
    protected SecretKey engineGenerateKey() {
      byte[] raw = new byte[bits / 8];
      random.nextBytes(raw);
      SecretKey key = new SecretKeySpec(raw, "AES");
      if (alias != null) KEYS.put(alias, key);
      return key;
    }
  }

  public static final class Store extends KeyStoreSpi {
    @Override
    public Key engineGetKey(String alias, char[] password) {
      return KEYS.get(alias);
    }

    @Override
    public Certificate[] engineGetCertificateChain(String alias) {
      return null;
    }

    @Override
    public Certificate engineGetCertificate(String alias) {
      return null;
    }

    @Override
    public Date engineGetCreationDate(String alias) {
      return null;
    }

    @Override
    public void engineSetKeyEntry(String alias, Key key, char[] password, Certificate[] chain) {
      KEYS.put(alias, (SecretKey) key);
    }

    @Override
    public void engineSetKeyEntry(String alias, byte[] key, Certificate[] chain) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void engineSetCertificateEntry(String alias, Certificate cert) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void engineDeleteEntry(String alias) {
      KEYS.remove(alias);
    }

    @Override
    public Enumeration<String> engineAliases() {
      return Collections.enumeration(KEYS.keySet());
    }

    @Override
    public boolean engineContainsAlias(String alias) {
      return KEYS.containsKey(alias);
    }

    @Override
    public int engineSize() {
      return KEYS.size();
    }

    @Override
    public boolean engineIsKeyEntry(String alias) {
      return KEYS.containsKey(alias);
    }

    @Override
    public boolean engineIsCertificateEntry(String alias) {
      return false;
    }

    @Override
    public String engineGetCertificateAlias(Certificate cert) {
      return null;
    }

    @Override
    public void engineStore(OutputStream stream, char[] password) {}

    @Override
    public void engineLoad(InputStream stream, char[] password) {}
  }
}
