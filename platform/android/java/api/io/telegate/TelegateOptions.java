package io.telegate;

import java.io.File;
import java.util.concurrent.Executor;

/**
 * Everything an app configures when it opens a {@link Telegate}. Built once, immutable.
 *
 * <pre>{@code
 * TelegateOptions options =
 *     TelegateOptions.builder(new File(context.getNoBackupFilesDir(), "telegate"),
 *             permissions, keyStore)
 *         .appId(context.getPackageName())
 *         .scheduler(new ExecutorTaskScheduler())
 *         .build();
 * }</pre>
 *
 * io.telegate.android.AndroidTelegate.options(context) fills in every Android seam. Seams are
 * called from the library's own threads, must be thread-safe, and must not hold a reference to
 * the Telegate (the native side keeps them until the client is garbage-collected).
 */
public final class TelegateOptions {
  final File dataDir;
  final PermissionSource permissions;
  final KeyStore keyStore;
  final Clock clock;
  final TaskScheduler scheduler;
  final DeviceFacts deviceFacts;
  final DeviceIdentity deviceIdentity;
  final InstalledApps installedApps;
  final UsageRecords usageRecords;
  final LocationSource location;
  final NearbyNetworks nearbyNetworks;
  final BaseStations baseStations;
  final NetworkInfo network;
  final AccessContext access;
  final byte[] policyDocument;
  final String appId;
  final long maxQueuedEvents;
  final long maxQueuedBytes;
  final long maxEventBytes;
  final long openTimeoutMillis;
  final long controlTimeoutMillis;
  final long maxBufferedEvents;
  final long maxBufferedBytes;
  final Executor listenerExecutor;
  final StatusListener listener;

  private TelegateOptions(Builder b) {
    dataDir = b.dataDir;
    permissions = b.permissions;
    keyStore = b.keyStore;
    clock = b.clock;
    scheduler = b.scheduler;
    deviceFacts = b.deviceFacts;
    deviceIdentity = b.deviceIdentity;
    installedApps = b.installedApps;
    usageRecords = b.usageRecords;
    location = b.location;
    nearbyNetworks = b.nearbyNetworks;
    baseStations = b.baseStations;
    network = b.network;
    access = b.access;
    policyDocument = b.policyDocument == null ? new byte[0] : b.policyDocument.clone();
    appId = b.appId;
    maxQueuedEvents = b.maxQueuedEvents;
    maxQueuedBytes = b.maxQueuedBytes;
    maxEventBytes = b.maxEventBytes;
    openTimeoutMillis = b.openTimeoutMillis;
    controlTimeoutMillis = b.controlTimeoutMillis;
    maxBufferedEvents = b.maxBufferedEvents;
    maxBufferedBytes = b.maxBufferedBytes;
    listenerExecutor = b.listenerExecutor;
    listener = b.listener;
  }

  /**
   * Starts options for a client on {@code dataDir} (created if missing; for Android, under
   * {@code getNoBackupFilesDir()}), with the two seams every client needs.
   */
  public static Builder builder(File dataDir, PermissionSource permissions, KeyStore keyStore) {
    return new Builder(dataDir, permissions, keyStore);
  }

  /** Not thread-safe. */
  public static final class Builder {
    private final File dataDir;
    private final PermissionSource permissions;
    private final KeyStore keyStore;
    private Clock clock;
    private TaskScheduler scheduler;
    private DeviceFacts deviceFacts;
    private DeviceIdentity deviceIdentity;
    private InstalledApps installedApps;
    private UsageRecords usageRecords;
    private LocationSource location;
    private NearbyNetworks nearbyNetworks;
    private BaseStations baseStations;
    private NetworkInfo network;
    private AccessContext access;
    private byte[] policyDocument;
    private String appId = "";
    private long maxQueuedEvents;
    private long maxQueuedBytes;
    private long maxEventBytes;
    private long openTimeoutMillis;
    private long controlTimeoutMillis;
    private long maxBufferedEvents = -1;
    private long maxBufferedBytes = -1;
    private Executor listenerExecutor;
    private StatusListener listener;

    private Builder(File dataDir, PermissionSource permissions, KeyStore keyStore) {
      if (dataDir == null || permissions == null || keyStore == null) {
        throw new IllegalArgumentException("dataDir, permissions and keyStore are required");
      }
      this.dataDir = dataDir;
      this.permissions = permissions;
      this.keyStore = keyStore;
    }

    /** Time for capture times and retention; default: the system clock, read natively. */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /** Timers for scheduled collection; without one the library never collects on its own. */
    public Builder scheduler(TaskScheduler scheduler) {
      this.scheduler = scheduler;
      return this;
    }

    public Builder deviceFacts(DeviceFacts source) {
      this.deviceFacts = source;
      return this;
    }

    public Builder deviceIdentity(DeviceIdentity source) {
      this.deviceIdentity = source;
      return this;
    }

    public Builder installedApps(InstalledApps source) {
      this.installedApps = source;
      return this;
    }

    public Builder usageRecords(UsageRecords source) {
      this.usageRecords = source;
      return this;
    }

    public Builder location(LocationSource source) {
      this.location = source;
      return this;
    }

    public Builder nearbyNetworks(NearbyNetworks source) {
      this.nearbyNetworks = source;
      return this;
    }

    public Builder baseStations(BaseStations source) {
      this.baseStations = source;
      return this;
    }

    public Builder network(NetworkInfo source) {
      this.network = source;
      return this;
    }

    public Builder access(AccessContext source) {
      this.access = source;
      return this;
    }

    /** A serialized telegate.proto.Policy replacing the built-in catalog. */
    public Builder policyDocument(byte[] policy) {
      this.policyDocument = policy;
      return this;
    }

    /** The package name: keys the app-scoped identifier hashes. */
    public Builder appId(String appId) {
      if (appId == null) throw new IllegalArgumentException("null appId");
      this.appId = appId;
      return this;
    }

    /** Bounds of the in-memory queue (events, bytes); 0 keeps the native default. */
    public Builder maxQueued(long events, long bytes) {
      this.maxQueuedEvents = events;
      this.maxQueuedBytes = bytes;
      return this;
    }

    /** Largest accepted event, encoded; 0 keeps the native default (16 KiB). */
    public Builder maxEventBytes(long bytes) {
      this.maxEventBytes = bytes;
      return this;
    }

    /** The encrypted buffer's budget (events, bytes); 0 means no bound. */
    public Builder maxBuffered(long events, long bytes) {
      this.maxBufferedEvents = events;
      this.maxBufferedBytes = bytes;
      return this;
    }

    /** How long open waits for start-up, and consent calls for their barrier (ms). */
    public Builder timeouts(long openMillis, long controlMillis) {
      this.openTimeoutMillis = openMillis;
      this.controlTimeoutMillis = controlMillis;
      return this;
    }

    /**
     * A status listener registered before start-up, so it also hears of the transitions the
     * reconciliation at open makes (a permission revoked while the app was not running, a
     * policy update). It stays registered until close.
     */
    public Builder statusListener(Executor executor, StatusListener listener) {
      if (executor == null || listener == null) {
        throw new IllegalArgumentException("null executor or listener");
      }
      this.listenerExecutor = executor;
      this.listener = listener;
      return this;
    }

    public TelegateOptions build() {
      return new TelegateOptions(this);
    }
  }

  /** The options the native side reads, as a telegate.android.proto.OpenOptions. */
  byte[] encode() {
    return new ProtoWriter()
        .writeString(1, dataDir.getPath())
        .writeBytes(2, policyDocument)
        .writeString(3, appId)
        .writeInt64(4, maxQueuedEvents)
        .writeInt64(5, maxQueuedBytes)
        .writeInt64(6, maxEventBytes)
        .writeInt64(7, openTimeoutMillis)
        .writeInt64(8, controlTimeoutMillis)
        .writeOptionalInt64(9, maxBufferedEvents)
        .writeOptionalInt64(10, maxBufferedBytes)
        .toByteArray();
  }
}
