package io.telegate.android;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.telegate.KeyStore;
import io.telegate.StatusCode;
import io.telegate.TelegateException;
import io.telegate.testing.TestDirs;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import org.junit.After;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.Test;

/** Keys wrapped by an Android Keystore key, in the no-backup directory, checked on the bytes. */
public class AndroidKeyStoreTest {
  private final File noBackup = TestDirs.fresh("keys");
  private AndroidKeyStore store;

  @BeforeClass
  public static void installKeystore() {
    FakeAndroidKeyStoreProvider.install();
  }

  @Before
  public void setUp() {
    FakeAndroidKeyStoreProvider.wipe();
    store = new AndroidKeyStore(new FakeContext(noBackup));
  }

  @After
  public void tearDown() {
    TestDirs.deleteRecursively(noBackup);
  }

  private File fileOf(String name) {
    return new File(noBackup, "telegate-keys/" + name + ".key");
  }

  private static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; ++i) {
      for (int j = 0; j < needle.length; ++j) {
        if (haystack[i + j] != needle[j]) continue outer;
      }
      return true;
    }
    return false;
  }

  @Test
  public void aKeyIsStoredWrappedAndReadBackWhole() throws Exception {
    byte[] key = store.create("telegate.db");
    assertEquals(KeyStore.KEY_SIZE, key.length);
    assertArrayEquals(key, store.get("telegate.db"));
    byte[] onDisk = Files.readAllBytes(fileOf("telegate.db").toPath());
    assertEquals(1 + 12 + 32 + 16, onDisk.length);
    assertFalse("the raw key is not on disk", contains(onDisk, key));
    assertTrue("its wrapping key lives in the Keystore",
        FakeAndroidKeyStoreProvider.KEYS.containsKey(AndroidKeyStore.ALIAS_PREFIX + "telegate.db"));
    assertArrayEquals("another instance reads it", key,
        new AndroidKeyStore(new FakeContext(noBackup)).get("telegate.db"));
  }

  @Test
  public void missingKeysDuplicatesAndBadNames() {
    assertNull(store.get("telegate.category.order"));
    store.create("telegate.category.order");
    try {
      store.create("telegate.category.order");
      fail("created twice");
    } catch (TelegateException e) {
      assertEquals(StatusCode.ALREADY_EXISTS, e.code());
    }
    for (String bad : new String[] {"../escape", "a/b", "", ".hidden"}) {
      try {
        store.get(bad);
        fail(bad);
      } catch (TelegateException e) {
        assertEquals(StatusCode.INVALID_ARGUMENT, e.code());
      }
    }
  }

  @Test
  public void aDestroyedKeyIsGoneForGoodEvenFromACopyOfItsFile() throws Exception {
    store.create("telegate.category.log.search");
    File file = fileOf("telegate.category.log.search");
    File copy = new File(noBackup, "copy");
    Files.copy(file.toPath(), copy.toPath());  // a flash block, a backup
    store.destroy("telegate.category.log.search");
    assertFalse(file.exists());
    assertNull(store.get("telegate.category.log.search"));
    assertFalse(FakeAndroidKeyStoreProvider.KEYS.containsKey(
        AndroidKeyStore.ALIAS_PREFIX + "telegate.category.log.search"));
    Files.copy(copy.toPath(), file.toPath());  // the residue put back
    try {
      store.get("telegate.category.log.search");
      fail("a destroyed key unwrapped");
    } catch (TelegateException e) {
      assertEquals(StatusCode.DATA_LOSS, e.code());
    }
    store.destroy("telegate.category.log.search");
    store.destroy("telegate.category.log.search");  // absent: fine
  }

  @Test
  public void aTamperedOrSwappedFileIsDataLossNotAWrongKey() throws Exception {
    store.create("telegate.category.order");
    store.create("telegate.category.log.search");
    // Swapped: the name is bound into the tag.
    Files.copy(fileOf("telegate.category.order").toPath(),
        fileOf("telegate.category.log.search").toPath(), StandardCopyOption.REPLACE_EXISTING);
    try {
      store.get("telegate.category.log.search");
      fail("a swapped key unwrapped");
    } catch (TelegateException e) {
      assertEquals(StatusCode.DATA_LOSS, e.code());
    }
    byte[] bytes = Files.readAllBytes(fileOf("telegate.category.order").toPath());
    bytes[20] ^= 1;
    Files.write(fileOf("telegate.category.order").toPath(), bytes);
    try {
      store.get("telegate.category.order");
      fail("a flipped bit unwrapped");
    } catch (TelegateException e) {
      assertEquals(StatusCode.DATA_LOSS, e.code());
    }
  }

  @Test
  public void filesRestoredWithoutTheirKeystoreKeyAreDataLoss() {
    store.create("telegate.db");
    FakeAndroidKeyStoreProvider.wipe();  // e.g. restored onto another device
    try {
      store.get("telegate.db");
      fail("unwrapped without the Keystore key");
    } catch (TelegateException e) {
      assertEquals(StatusCode.DATA_LOSS, e.code());
    }
  }
}
