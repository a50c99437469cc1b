package io.telegate;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * The Telegate SDK for Java: a thin layer over the native client (libtelegate_jni.so). Every
 * category starts closed; a category opens only while the user's consent is on and every OS
 * permission it needs is granted. Revoking is a barrier: when {@link #setConsent}(c, false)
 * returns, nothing of c is left in memory or in the encrypted database.
 *
 * <pre>{@code
 * // Application.onCreate (io.telegate.android.AndroidTelegate fills in the Android seams):
 * Telegate telegate = Telegate.open(AndroidTelegate.options(this).build());
 * // Activity.onResume: a permission may have been revoked in the system settings.
 * telegate.refreshPermissions();
 * // Settings screen:
 * telegate.setConsent("log.search", switchOn);
 * // Anywhere, any thread:
 * Category search = telegate.category("log.search");
 * search.track("search", Collections.singletonMap("query", query));
 * }</pre>
 *
 * <p>Thread-safe: every method may be called from any thread. {@code track} never blocks and
 * never throws for a closed category or a full queue. Consent, permission and rights calls
 * wait (up to the control timeout) for the library's writer thread: call them off the UI
 * thread. Errors throw {@link TelegateException}; null or mistyped arguments {@link
 * IllegalArgumentException}; any call after {@link #close} {@link IllegalStateException}. A
 * client never closed is closed when it is garbage-collected.
 */
public final class Telegate implements AutoCloseable {
  /** How long {@link #close()} waits for the writer to commit and stop. */
  public static final long DEFAULT_CLOSE_TIMEOUT_MILLIS = 10_000;

  static {
    System.loadLibrary("telegate_jni");
  }

  final long handle;
  /** The longest event the native client accepts, in bytes (also bounds its UTF-16 text). */
  final long maxEventBytes;
  private volatile boolean closed;
  private final Object closeLock = new Object();
  private final Map<String, Category> categories = new ConcurrentHashMap<>();
  // The native side holds the seams and the listeners' dispatches weakly;
  // these are the strong references, so they live exactly as long as this
  // client (and one that refers back to it makes no cycle through a GC root).
  private final TelegateOptions options;
  private final ListenerDispatch initialDispatch;
  private final Map<StatusListener, Registration> listeners = new IdentityHashMap<>();  // guarded

  private static final class Registration {
    final long id;
    final ListenerDispatch dispatch;

    Registration(long id, ListenerDispatch dispatch) {
      this.id = id;
      this.dispatch = dispatch;
    }
  }

  private Telegate(long handle, TelegateOptions options, ListenerDispatch initialDispatch) {
    this.handle = handle;
    this.maxEventBytes = nativeMaxEventBytes(handle);
    this.options = options;
    this.initialDispatch = initialDispatch;
    NativeCleaner.register(this, handle);
  }

  /**
   * Opens a client on {@code options.dataDir} (created if missing). Runs the start-up
   * reconciliation first: a permission revoked while the app was not running is purged before
   * this returns.
   *
   * @throws TelegateException INVALID_ARGUMENT for a bad policy document, FAILED_PRECONDITION
   *     for a data directory another client uses or that cannot be written, or the key
   *     store's error
   */
  public static Telegate open(TelegateOptions options) {
    if (options == null) throw new IllegalArgumentException("null options");
    if (!options.dataDir.isDirectory() && !options.dataDir.mkdirs()) {
      throw new TelegateException(
          StatusCode.FAILED_PRECONDITION, "cannot create data directory " + options.dataDir);
    }
    ListenerDispatch initial =
        options.listener == null
            ? null
            : new ListenerDispatch(options.listenerExecutor, options.listener);
    long handle =
        nativeOpen(
            options.encode(),
            options.permissions,
            options.keyStore,
            options.clock,
            options.scheduler,
            options.deviceFacts,
            options.deviceIdentity,
            options.installedApps,
            options.usageRecords,
            options.location,
            options.nearbyNetworks,
            options.baseStations,
            options.network,
            options.access,
            initial);
    return new Telegate(handle, options, initial);
  }

  // --- Consent ---

  /**
   * The user's switch for one category; waits until it is durable. Off is a revocation
   * barrier: when this returns, no event of the category is in memory or in the database.
   */
  public void setConsent(String category, boolean on) {
    checkOpen();
    nativeSetConsent(handle, requireArg(category, "category"), on);
  }

  /** "Accept all" (never a sensitive category) or "reject all" (a barrier for each). */
  public void setAllConsents(boolean on) {
    checkOpen();
    nativeSetAllConsents(handle, on);
  }

  /** The user accepted privacy-policy {@code version} ("major.minor"). */
  public void acceptPolicy(String version) {
    checkOpen();
    nativeAcceptPolicy(handle, requireArg(version, "version"));
  }

  /** Marks the user as under 14 (a barrier for sensitive and identifying categories). */
  public void setMinor(boolean under14) {
    checkOpen();
    nativeSetMinor(handle, under14);
  }

  /** Records (or withdraws, as a barrier) a guardian's consent for a minor. */
  public void setGuardianConsent(boolean given) {
    checkOpen();
    nativeSetGuardianConsent(handle, given);
  }

  /**
   * Re-reads every OS permission; a permission found gone is a revocation barrier. Call it in
   * {@code onResume}: Android does not tell an app that the user revoked a permission in the
   * system settings (it kills the process, or leaves it running after a grant).
   */
  public void refreshPermissions() {
    checkOpen();
    nativeRefreshPermissions(handle);
  }

  /** The user's explicit consent to send {@code category} to endpoints in {@code region}. */
  public void setCrossBorderConsent(String category, String region, boolean on) {
    checkOpen();
    nativeSetCrossBorderConsent(
        handle, requireArg(category, "category"), requireArg(region, "region"), on);
  }

  // --- Events ---

  /**
   * A cached handle on {@code name}, for the hot path (see {@link Category}).
   *
   * @throws TelegateException INVALID_ARGUMENT for a category the catalog does not declare
   */
  public Category category(String name) {
    Category cached = categories.get(requireArg(name, "category"));
    if (cached != null) return cached;
    checkOpen();
    Category fresh = new Category(this, nativeCategory(handle, name), name);
    Category raced = categories.putIfAbsent(name, fresh);
    return raced != null ? raced : fresh;
  }

  /** {@code category(category).track(event, attributes)}; see {@link Category#track}. */
  public TrackResult track(String category, String event, Map<String, ?> attributes) {
    return category(category).track(event, attributes);
  }

  public TrackResult track(String category, String event) {
    return category(category).track(event);
  }

  /** Runs the platform collector of {@code category} now (on the writer thread). */
  public CollectionReport collect(String category) {
    checkOpen();
    return CollectionReport.decode(nativeCollect(handle, requireArg(category, "category")));
  }

  // --- User rights ---

  /** Everything held about the user; {@link UserDataExport#parse} reads the PROTOBUF form. */
  public byte[] exportUserData(ExportFormat format) {
    checkOpen();
    if (format == null) throw new IllegalArgumentException("null format");
    return nativeExportUserData(handle, format.ordinal());
  }

  /** {@link #exportUserData}(PROTOBUF), decoded. */
  public UserDataExport exportUserData() {
    return UserDataExport.parse(exportUserData(ExportFormat.PROTOBUF));
  }

  /** Account cancellation: every event, identifier, key and the consent state destroyed. */
  public void deleteAllData() {
    checkOpen();
    nativeDeleteAllData(handle);
  }

  /** Withdraws identification: buffered events rewritten irreversibly, keys rotated. */
  public void anonymize() {
    checkOpen();
    nativeAnonymize(handle);
  }

  /** Ends anonymous mode for later events. */
  public void allowIdentification() {
    checkOpen();
    nativeAllowIdentification(handle);
  }

  // --- State ---

  /** One entry per catalog category, in catalog order. Never waits for the writer. */
  public List<CategoryStatus> categoryStatus() {
    checkOpen();
    return CategoryStatus.decodeList(nativeCategoryStatus(handle));
  }

  public DropCounts dropCounts() {
    checkOpen();
    return DropCounts.decode(nativeDropCounts(handle));
  }

  public StoreHealth storeHealth() {
    checkOpen();
    return StoreHealth.decode(nativeStoreHealth(handle));
  }

  /** The consent ledger, verified. @throws TelegateException DATA_LOSS if it is broken */
  public Ledger exportLedger() {
    checkOpen();
    return Ledger.parse(nativeExportLedger(handle));
  }

  /** @throws TelegateException DATA_LOSS naming the first entry that does not verify */
  public void verifyLedger() {
    checkOpen();
    nativeVerifyLedger(handle);
  }

  /** Re-encrypts every database under fresh keys; no event is lost. */
  public void rotateKeys() {
    checkOpen();
    nativeRotateKeys(handle);
  }

  /** Waits until every event queued before the call is committed (or dropped, counted). */
  public void flush(long timeout, TimeUnit unit) {
    checkOpen();
    nativeFlush(handle, unit.toMillis(timeout));
  }

  // --- Status listeners ---

  /**
   * Registers {@code listener}, called on {@code executor} for every later opening and
   * closing of a category, in order. A listener added twice is refused.
   */
  public void addStatusListener(Executor executor, StatusListener listener) {
    checkOpen();
    if (executor == null || listener == null) {
      throw new IllegalArgumentException("null executor or listener");
    }
    synchronized (listeners) {
      if (listeners.containsKey(listener)) {
        throw new IllegalArgumentException("listener already added");
      }
      ListenerDispatch dispatch = new ListenerDispatch(executor, listener);
      listeners.put(listener, new Registration(nativeAddStatusListener(handle, dispatch), dispatch));
    }
  }

  /**
   * Unregisters {@code listener}: once this returns nothing more is handed to its executor
   * (tasks already handed over still run). False if it was not registered.
   */
  public boolean removeStatusListener(StatusListener listener) {
    checkOpen();
    Registration registration;
    synchronized (listeners) {
      registration = listeners.remove(listener);
    }
    if (registration == null) return false;
    nativeRemoveStatusListener(handle, registration.id);
    return true;
  }

  // --- Upload (see UploadWorker) ---

  /** Replaces the endpoints batches may go to, in order of preference. */
  public void setEndpoints(List<Endpoint> endpoints) {
    checkOpen();
    if (endpoints == null) throw new IllegalArgumentException("null endpoints");
    ProtoWriter list = new ProtoWriter();
    for (Endpoint e : endpoints) {
      if (e == null) throw new IllegalArgumentException("null endpoint");
      list.writeMessage(
          1,
          new ProtoWriter().writeString(1, e.url).writeString(2, e.region).writeBool(3, e.partner));
    }
    nativeSetEndpoints(handle, list.toByteArray());
  }

  /** The next upload task; builds the batch on the writer thread. */
  public UploadTask nextUploadTask() {
    checkOpen();
    return UploadTask.decode(nativeNextUploadTask(handle));
  }

  /**
   * Call right before the request's first byte. False if the batch was cancelled (a revoke):
   * do not send it, and do not report it.
   */
  public boolean beginSend(long taskId) {
    checkOpen();
    return nativeBeginSend(handle, taskId);
  }

  /** True once the library asks to abandon the send (check it while sending). */
  public boolean cancelRequested(long taskId) {
    checkOpen();
    return nativeCancelRequested(handle, taskId);
  }

  /**
   * Registers {@code wake}, run once on the cancelling thread when the send is to stop (at
   * once if it already is): it must be quick (e.g. disconnect the connection) and must not
   * call the Telegate. Null clears it.
   */
  public void setCancelHandler(long taskId, Runnable wake) {
    checkOpen();
    nativeSetCancelHandler(handle, taskId, wake);
  }

  /**
   * Reports what sending task {@code taskId} gave (httpStatus 0 when no complete response
   * arrived); acknowledged events are deleted before this returns.
   */
  public UploadVerdict reportUploadResult(
      long taskId, int httpStatus, byte[] body, String error) {
    checkOpen();
    return UploadVerdict.forOrdinal(
        nativeReportUploadResult(
            handle, taskId, httpStatus, body == null ? new byte[0] : body,
            error == null ? "" : error));
  }

  // --- Closing ---

  /** {@link #close(long, TimeUnit)} with {@link #DEFAULT_CLOSE_TIMEOUT_MILLIS}. */
  @Override
  public void close() {
    close(DEFAULT_CLOSE_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
  }

  /**
   * Commits what is queued, stops the writer and closes the databases, then delivers pending
   * status notifications and releases the listeners. Idempotent.
   *
   * @throws TelegateException DEADLINE_EXCEEDED if the writer did not stop in time (it
   *     finishes in the background); the client is closed either way
   */
  public void close(long timeout, TimeUnit unit) {
    synchronized (closeLock) {
      if (closed) return;
      closed = true;
    }
    synchronized (listeners) {
      listeners.clear();
    }
    nativeClose(handle, unit.toMillis(timeout));
  }

  public boolean isClosed() {
    return closed;
  }

  void checkOpen() {
    if (closed) throw new IllegalStateException("Telegate is closed");
  }

  private static String requireArg(String value, String what) {
    if (value == null) throw new IllegalArgumentException("null " + what);
    return value;
  }

  // --- Native methods (platform/android/jni/telegate_jni.cc) ---
  // Instance methods: the receiver stays reachable while one runs, so the
  // cleaner never frees the native client under a call.

  private static native long nativeOpen(
      byte[] options,
      PermissionSource permissions,
      KeyStore keyStore,
      Clock clock,
      TaskScheduler scheduler,
      DeviceFacts deviceFacts,
      DeviceIdentity deviceIdentity,
      InstalledApps installedApps,
      UsageRecords usageRecords,
      LocationSource location,
      NearbyNetworks nearbyNetworks,
      BaseStations baseStations,
      NetworkInfo network,
      AccessContext access,
      ListenerDispatch listener);

  static native void nativeDestroy(long handle);

  private static native long nativeMaxEventBytes(long handle);

  private native void nativeClose(long handle, long timeoutMillis);

  private native void nativeSetConsent(long handle, String category, boolean on);

  private native void nativeSetAllConsents(long handle, boolean on);

  private native void nativeAcceptPolicy(long handle, String version);

  private native void nativeSetMinor(long handle, boolean under14);

  private native void nativeSetGuardianConsent(long handle, boolean given);

  private native void nativeRefreshPermissions(long handle);

  private native void nativeSetCrossBorderConsent(
      long handle, String category, String region, boolean on);

  private native long nativeCategory(long handle, String name);

  private native byte[] nativeCollect(long handle, String category);

  private native byte[] nativeExportUserData(long handle, int format);

  private native void nativeDeleteAllData(long handle);

  private native void nativeAnonymize(long handle);

  private native void nativeAllowIdentification(long handle);

  private native byte[] nativeCategoryStatus(long handle);

  private native byte[] nativeDropCounts(long handle);

  private native byte[] nativeStoreHealth(long handle);

  private native byte[] nativeExportLedger(long handle);

  private native void nativeVerifyLedger(long handle);

  private native void nativeRotateKeys(long handle);

  private native void nativeFlush(long handle, long timeoutMillis);

  private native long nativeAddStatusListener(long handle, ListenerDispatch dispatch);

  private native void nativeRemoveStatusListener(long handle, long id);

  private native void nativeSetEndpoints(long handle, byte[] endpoints);

  private native byte[] nativeNextUploadTask(long handle);

  private native boolean nativeBeginSend(long handle, long taskId);

  private native boolean nativeCancelRequested(long handle, long taskId);

  private native void nativeSetCancelHandler(long handle, long taskId, Runnable wake);

  private native int nativeReportUploadResult(
      long handle, long taskId, int httpStatus, byte[] body, String error);
}
