package android.security.keystore;

import java.security.spec.AlgorithmParameterSpec;

public final class KeyGenParameterSpec implements AlgorithmParameterSpec {
  private final String alias;
  private final int purposes;
  private final int keySize;
  private final String[] blockModes;
  private final String[] paddings;

  private KeyGenParameterSpec(Builder b) {
    alias = b.alias;
    purposes = b.purposes;
    keySize = b.keySize;
    blockModes = b.blockModes.clone();
    paddings = b.paddings.clone();
  }

  public String getKeystoreAlias() {
    return alias;
  }

  public int getPurposes() {
    return purposes;
  }

  public int getKeySize() {
    return keySize;
  }

  public String[] getBlockModes() {
    return blockModes.clone();
  }

  public String[] getEncryptionPaddings() {
    return paddings.clone();
  }

  public static final class Builder {
    private final String alias;
    private final int purposes;
    private int keySize = -1;
    private String[] blockModes = new String[0];
    private String[] paddings = new String[0];

    public Builder(String keystoreAlias, int purposes) {
      this.alias = keystoreAlias;
      this.purposes = purposes;
    }

    public Builder setBlockModes(String... blockModes) {
      this.blockModes = blockModes.clone();
      return this;
    }

    public Builder setEncryptionPaddings(String... paddings) {
      this.paddings = paddings.clone();
      return this;
    }

    public Builder setKeySize(int keySize) {
      this.keySize = keySize;
      return this;
    }

    public KeyGenParameterSpec build() {
      return new KeyGenParameterSpec(this);
    }
  }
}
