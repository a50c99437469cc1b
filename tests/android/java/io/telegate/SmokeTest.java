package io.telegate;

import static org.junit.Assert.assertEquals;

import io.telegate.testing.FakeKeyStore;
import io.telegate.testing.FakePermissionSource;
import io.telegate.testing.TestDirs;
import java.util.Collections;
import org.junit.Test;

public class SmokeTest {
  @Test
  public void opensTracksAndCloses() {
    FakePermissionSource permissions = new FakePermissionSource();
    FakeKeyStore keys = new FakeKeyStore();
    try (Telegate t =
        Telegate.open(
            TelegateOptions.builder(TestDirs.fresh("smoke"), permissions, keys).build())) {
      assertEquals(TrackResult.CLOSED, t.track("log.search", "search",
          Collections.singletonMap("query", "q")));
      t.setConsent("log.search", true);
      assertEquals(TrackResult.QUEUED, t.track("log.search", "search",
          Collections.singletonMap("query", "q")));
      t.flush(10, java.util.concurrent.TimeUnit.SECONDS);
      assertEquals(1, t.categoryStatus().stream().filter(s -> s.name().equals("log.search")).findFirst().get().bufferedEvents());
    }
  }
}
