// The native methods of io.telegate (Telegate, Category, NativeTask,
// NativePermissionListener) and JNI_OnLoad: the only symbols
// libtelegate_jni.so exports (telegate_jni.map).
//
// Each entry point converts its arguments (null or malformed ones throw
// IllegalArgumentException before the core sees them), calls the public C++
// API, and hands back a primitive or serialized bytes. Failures become
// TelegateException (or IllegalStateException once closed); a C++
// exception never crosses into the VM.
#include <jni.h>

#include <exception>
#include <new>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "bridge_codec.h"
#include "java_classes.h"
#include "java_seams.h"
#include "jni_env.h"
#include "jni_errors.h"
#include "jni_strings.h"
#include "native_client.h"
#include "track_call.h"

namespace telegate::jni_internal {
namespace {

// Category.nativeTrack / nativeProbe results; the first three are
// TrackResult ordinals.
enum TrackCode : jint {
  kQueued = 0,
  kClosed = 1,
  kQueueFull = 2,
  kNeedsAttributes = 3,
};

// An attribute no catalog can declare (names must be non-empty): Track
// refuses it on an open category before queuing anything, and a closed
// category is refused before attributes are looked at.
const Attribute kProbe[] = {Attribute("", false)};

NativeClient* FromHandle(jlong handle) {
  return reinterpret_cast<NativeClient*>(handle);
}

// Runs `fn`; a C++ exception becomes a pending TelegateException and
// `fallback` is returned.
template <typename R, typename Fn>
R Guarded(JNIEnv* env, R fallback, Fn&& fn) {
  try {
    return fn();
  } catch (const std::bad_alloc&) {
    ThrowStatus(env, absl::ResourceExhaustedError("out of memory"));
  } catch (const std::exception& e) {
    ThrowStatus(
        env, absl::InternalError(absl::StrCat("internal error: ", e.what())));
  } catch (...) {
    ThrowStatus(env, absl::InternalError("internal error"));
  }
  return fallback;
}

template <typename Fn>
void GuardedVoid(JNIEnv* env, Fn&& fn) {
  Guarded(env, 0, [&] {
    fn();
    return 0;
  });
}

// The exception for a failed call.
void ThrowFor(JNIEnv* env, NativeClient* client, const absl::Status& status) {
  if (client->closed() && absl::IsFailedPrecondition(status)) {
    ThrowIllegalState(env, "Telegate is closed");
  } else {
    ThrowStatus(env, status);
  }
}

// Reads a string argument; false (IllegalArgumentException pending) if it
// is null or not valid UTF-16.
bool ReadArg(JNIEnv* env, jstring value, const char* what, std::string* out) {
  if (value == nullptr) {
    ThrowIllegalArgument(env, absl::StrCat("null ", what));
    return false;
  }
  absl::Status read = ReadString(env, value, out);
  if (!read.ok()) {
    ThrowIllegalArgument(env, absl::StrCat(what, ": ", read.message()));
    return false;
  }
  return true;
}

void Check(JNIEnv* env, NativeClient* client, const absl::Status& status) {
  if (!status.ok()) ThrowFor(env, client, status);
}

// Runs `call` on the handle's client and throws for a failed status, all
// guarded: the shape of most void entry points.
template <typename Call>
void CallClient(JNIEnv* env, jlong handle, Call&& call) {
  GuardedVoid(env, [&] {
    NativeClient* c = FromHandle(handle);
    Check(env, c, call(c->client()));
  });
}

// Returns `bytes` as a byte[], or throws for `status`.
jbyteArray BytesOrThrow(JNIEnv* env, NativeClient* client,
                        const absl::StatusOr<std::string>& bytes) {
  if (!bytes.ok()) {
    ThrowFor(env, client, bytes.status());
    return nullptr;
  }
  return NewByteArray(env, *bytes);
}

jint TrackCodeOf(JNIEnv* env, NativeClient* client,
                 const absl::Status& status) {
  if (status.ok()) return kQueued;
  if (absl::IsPermissionDenied(status)) return kClosed;
  if (absl::IsResourceExhausted(status)) return kQueueFull;
  ThrowFor(env, client, status);
  return kClosed;
}

jint VerdictOrdinal(UploadVerdict verdict) {
  switch (verdict) {
    case UploadVerdict::kAcknowledged:
      return 0;
    case UploadVerdict::kRetry:
      return 1;
    case UploadVerdict::kRejected:
      return 2;
    case UploadVerdict::kDiscarded:
      break;
  }
  return 3;
}

}  // namespace
}  // namespace telegate::jni_internal

using namespace telegate::jni_internal;  // NOLINT: the JNI entry points below
using telegate::Client;

extern "C" {

JNIEXPORT jint JNICALL JNI_OnLoad(JavaVM* vm, void*) {
  SetJavaVm(vm);
  JNIEnv* env = nullptr;
  if (vm->GetEnv(reinterpret_cast<void**>(&env), JNI_VERSION_1_6) != JNI_OK) {
    return JNI_ERR;
  }
  if (!LoadJavaClasses(env)) return JNI_ERR;  // the jar does not match
  return JNI_VERSION_1_6;
}

// --- Telegate: open, close ---

JNIEXPORT jlong JNICALL Java_io_telegate_Telegate_nativeOpen(
    JNIEnv* env, jclass, jbyteArray options, jobject permissions,
    jobject key_store, jobject clock, jobject scheduler, jobject device_facts,
    jobject device_identity, jobject installed_apps, jobject usage_records,
    jobject location, jobject nearby_networks, jobject base_stations,
    jobject network, jobject access, jobject listener) {
  return Guarded(env, jlong{0}, [&]() -> jlong {
    if (options == nullptr || permissions == nullptr || key_store == nullptr) {
      ThrowIllegalArgument(env,
                           "options, permissions and keyStore are required");
      return 0;
    }
    JavaSeamObjects seams;
    seams.permissions = permissions;
    seams.key_store = key_store;
    seams.clock = clock;
    seams.scheduler = scheduler;
    seams.device_facts = device_facts;
    seams.device_identity = device_identity;
    seams.installed_apps = installed_apps;
    seams.usage_records = usage_records;
    seams.location = location;
    seams.nearby_networks = nearby_networks;
    seams.base_stations = base_stations;
    seams.network = network;
    seams.access = access;
    auto client =
        NativeClient::Open(env, ReadBytes(env, options), seams, listener);
    if (!client.ok()) {
      ThrowStatus(env, client.status());
      return 0;
    }
    return reinterpret_cast<jlong>(client->release());
  });
}

JNIEXPORT void JNICALL Java_io_telegate_Telegate_nativeDestroy(JNIEnv* env,
                                                               jclass,
                                                               jlong handle) {
  GuardedVoid(env, [&] { delete FromHandle(handle); });
}

JNIEXPORT jlong JNICALL
Java_io_telegate_Telegate_nativeMaxEventBytes(JNIEnv*, jclass, jlong handle) {
  return static_cast<jlong>(FromHandle(handle)->max_event_bytes());
}

JNIEXPORT void JNICALL Java_io_telegate_Telegate_nativeClose(JNIEnv* env,
                                                             jobject,
                                                             jlong handle,
                                                             jlong timeout_ms) {
  GuardedVoid(env, [&] {
    absl::Status closed =
        FromHandle(handle)->Close(absl::Milliseconds(timeout_ms));
    if (!closed.ok()) ThrowStatus(env, closed);
  });
}

// --- Consent ---

JNIEXPORT void JNICALL Java_io_telegate_Telegate_nativeSetConsent(
    JNIEnv* env, jobject, jlong handle, jstring category, jboolean on) {
  GuardedVoid(env, [&] {
    NativeClient* c = FromHandle(handle);
    std::string name;
    if (!ReadArg(env, category, "category", &name)) return;
    Check(env, c, c->client().SetConsent(name, on == JNI_TRUE));
  });
}

JNIEXPORT void JNICALL Java_io_telegate_Telegate_nativeSetAllConsents(
    JNIEnv* env, jobject, jlong handle, jboolean on) {
  CallClient(env, handle, [&](Client& client) {
    return client.SetAllConsents(on == JNI_TRUE);
  });
}

JNIEXPORT void JNICALL Java_io_telegate_Telegate_nativeAcceptPolicy(
    JNIEnv* env, jobject, jlong handle, jstring version) {
  GuardedVoid(env, [&] {
    NativeClient* c = FromHandle(handle);
    std::string text;
    if (!ReadArg(env, version, "version", &text)) return;
    Check(env, c, c->client().AcceptPolicy(text));
  });
}

JNIEXPORT void JNICALL Java_io_telegate_Telegate_nativeSetMinor(
    JNIEnv* env, jobject, jlong handle, jboolean under14) {
  CallClient(env, handle, [&](Client& client) {
    return client.SetMinor(under14 == JNI_TRUE);
  });
}

JNIEXPORT void JNICALL Java_io_telegate_Telegate_nativeSetGuardianConsent(
    JNIEnv* env, jobject, jlong handle, jboolean given) {
  CallClient(env, handle, [&](Client& client) {
    return client.SetGuardianConsent(given == JNI_TRUE);
  });
}

JNIEXPORT void JNICALL Java_io_telegate_Telegate_nativeRefreshPermissions(
    JNIEnv* env, jobject, jlong handle) {
  CallClient(env, handle,
             [&](Client& client) { return client.RefreshPermissions(); });
}

JNIEXPORT void JNICALL Java_io_telegate_Telegate_nativeSetCrossBorderConsent(
    JNIEnv* env, jobject, jlong handle, jstring category, jstring region,
    jboolean on) {
  GuardedVoid(env, [&] {
    NativeClient* c = FromHandle(handle);
    std::string name;
    std::string where;
    if (!ReadArg(env, category, "category", &name) ||
        !ReadArg(env, region, "region", &where)) {
      return;
    }
    Check(env, c,
          c->client().SetCrossBorderConsent(name, where, on == JNI_TRUE));
  });
}

// --- Events ---

JNIEXPORT jlong JNICALL Java_io_telegate_Telegate_nativeCategory(JNIEnv* env,
                                                                 jobject,
                                                                 jlong handle,
                                                                 jstring name) {
  return Guarded(env, jlong{0}, [&]() -> jlong {
    NativeClient* c = FromHandle(handle);
    std::string text;
    if (!ReadArg(env, name, "category", &text)) return 0;
    auto category = c->Category(text);
    if (!category.ok()) {
      ThrowFor(env, c, category.status());
      return 0;
    }
    return reinterpret_cast<jlong>(*category);
  });
}

JNIEXPORT jint JNICALL Java_io_telegate_Category_nativeTrack(
    JNIEnv* env, jobject, jlong handle, jlong category, jstring event) {
  return Guarded(env, jint{kClosed}, [&]() -> jint {
    NativeClient* c = FromHandle(handle);
    const auto* cat = reinterpret_cast<const CategoryHandle*>(category);
    std::string name;
    if (!ReadArg(env, event, "event", &name)) return kClosed;
    return TrackCodeOf(env, c, c->client().Track(cat->name, name, {}));
  });
}

JNIEXPORT jint JNICALL Java_io_telegate_Category_nativeTrackEncoded(
    JNIEnv* env, jobject, jlong handle, jlong category, jcharArray text,
    jint text_length, jintArray layout, jint layout_length,
    jlongArray numbers) {
  return Guarded(env, jint{kClosed}, [&]() -> jint {
    NativeClient* c = FromHandle(handle);
    const auto* cat = reinterpret_cast<const CategoryHandle*>(category);
    if (text == nullptr || layout == nullptr || numbers == nullptr ||
        text_length < 0 || layout_length < 0 ||
        text_length > env->GetArrayLength(text) ||
        layout_length > env->GetArrayLength(layout)) {
      ThrowStatus(
          env, absl::InternalError("malformed track call from the Java layer"));
      return kClosed;
    }
    const jsize numbers_length = env->GetArrayLength(numbers);
    TrackCall call;
    absl::Status decoded;
    {
      // No JNI call between getting and releasing the arrays.
      auto* chars = static_cast<const char16_t*>(
          env->GetPrimitiveArrayCritical(text, nullptr));
      auto* spans = static_cast<const int32_t*>(
          env->GetPrimitiveArrayCritical(layout, nullptr));
      auto* values = static_cast<const int64_t*>(
          env->GetPrimitiveArrayCritical(numbers, nullptr));
      if (chars != nullptr && spans != nullptr && values != nullptr) {
        decoded =
            DecodeTrackCall(chars, static_cast<size_t>(text_length), spans,
                            static_cast<size_t>(layout_length), values,
                            static_cast<size_t>(numbers_length), &call);
      } else {
        decoded = absl::ResourceExhaustedError("out of memory");
      }
      if (values != nullptr) {
        env->ReleasePrimitiveArrayCritical(
            numbers, const_cast<int64_t*>(values), JNI_ABORT);
      }
      if (spans != nullptr) {
        env->ReleasePrimitiveArrayCritical(layout, const_cast<int32_t*>(spans),
                                           JNI_ABORT);
      }
      if (chars != nullptr) {
        env->ReleasePrimitiveArrayCritical(text, const_cast<char16_t*>(chars),
                                           JNI_ABORT);
      }
    }
    if (env->ExceptionCheck()) return kClosed;  // OutOfMemoryError from a Get
    if (absl::IsInvalidArgument(decoded)) {
      ThrowIllegalArgument(env, decoded.message());
      return kClosed;
    }
    if (!decoded.ok()) {
      ThrowStatus(env, decoded);
      return kClosed;
    }
    return TrackCodeOf(
        env, c, c->client().Track(cat->name, call.event(), call.attributes()));
  });
}

JNIEXPORT jint JNICALL Java_io_telegate_Category_nativeProbe(
    JNIEnv* env, jobject, jlong handle, jlong category, jstring event) {
  return Guarded(env, jint{kClosed}, [&]() -> jint {
    NativeClient* c = FromHandle(handle);
    const auto* cat = reinterpret_cast<const CategoryHandle*>(category);
    std::string name;
    if (!ReadArg(env, event, "event", &name)) return kClosed;
    absl::Status probed = c->client().Track(cat->name, name, kProbe);
    return absl::IsPermissionDenied(probed) ? kClosed : kNeedsAttributes;
  });
}

JNIEXPORT jbyteArray JNICALL Java_io_telegate_Telegate_nativeCollect(
    JNIEnv* env, jobject, jlong handle, jstring category) {
  return Guarded(env, jbyteArray{nullptr}, [&]() -> jbyteArray {
    NativeClient* c = FromHandle(handle);
    std::string name;
    if (!ReadArg(env, category, "category", &name)) return nullptr;
    absl::StatusOr<telegate::CollectionReport> report =
        c->client().Collect(name);
    if (!report.ok()) return BytesOrThrow(env, c, report.status());
    return NewByteArray(env, EncodeCollectionReport(*report));
  });
}

// --- User rights ---

JNIEXPORT jbyteArray JNICALL Java_io_telegate_Telegate_nativeExportUserData(
    JNIEnv* env, jobject, jlong handle, jint format) {
  return Guarded(env, jbyteArray{nullptr}, [&]() -> jbyteArray {
    NativeClient* c = FromHandle(handle);
    return BytesOrThrow(env, c,
                        c->client().ExportUserData(
                            format == 1 ? telegate::ExportFormat::kJson
                                        : telegate::ExportFormat::kProtobuf));
  });
}

JNIEXPORT void JNICALL Java_io_telegate_Telegate_nativeDeleteAllData(
    JNIEnv* env, jobject, jlong handle) {
  CallClient(env, handle,
             [&](Client& client) { return client.DeleteAllData(); });
}

JNIEXPORT void JNICALL Java_io_telegate_Telegate_nativeAnonymize(JNIEnv* env,
                                                                 jobject,
                                                                 jlong handle) {
  CallClient(env, handle, [&](Client& client) { return client.Anonymize(); });
}

JNIEXPORT void JNICALL Java_io_telegate_Telegate_nativeAllowIdentification(
    JNIEnv* env, jobject, jlong handle) {
  CallClient(env, handle,
             [&](Client& client) { return client.AllowIdentification(); });
}

// --- State ---

JNIEXPORT jbyteArray JNICALL Java_io_telegate_Telegate_nativeCategoryStatus(
    JNIEnv* env, jobject, jlong handle) {
  return Guarded(env, jbyteArray{nullptr}, [&] {
    return NewByteArray(env,
                        EncodeCategoryStatusList(
                            FromHandle(handle)->client().GetCategoryStatus()));
  });
}

JNIEXPORT jbyteArray JNICALL
Java_io_telegate_Telegate_nativeDropCounts(JNIEnv* env, jobject, jlong handle) {
  return Guarded(env, jbyteArray{nullptr}, [&] {
    return NewByteArray(
        env, EncodeDropCounts(FromHandle(handle)->client().GetDropCounts()));
  });
}

JNIEXPORT jbyteArray JNICALL Java_io_telegate_Telegate_nativeStoreHealth(
    JNIEnv* env, jobject, jlong handle) {
  return Guarded(env, jbyteArray{nullptr}, [&] {
    return NewByteArray(
        env, EncodeStoreHealth(FromHandle(handle)->client().GetStoreHealth()));
  });
}

JNIEXPORT jbyteArray JNICALL Java_io_telegate_Telegate_nativeExportLedger(
    JNIEnv* env, jobject, jlong handle) {
  return Guarded(env, jbyteArray{nullptr}, [&] {
    NativeClient* c = FromHandle(handle);
    return BytesOrThrow(env, c, c->client().ExportLedger());
  });
}

JNIEXPORT void JNICALL Java_io_telegate_Telegate_nativeVerifyLedger(
    JNIEnv* env, jobject, jlong handle) {
  CallClient(env, handle,
             [&](Client& client) { return client.VerifyLedger(); });
}

JNIEXPORT void JNICALL
Java_io_telegate_Telegate_nativeRotateKeys(JNIEnv* env, jobject, jlong handle) {
  CallClient(env, handle, [&](Client& client) { return client.RotateKeys(); });
}

JNIEXPORT void JNICALL Java_io_telegate_Telegate_nativeFlush(JNIEnv* env,
                                                             jobject,
                                                             jlong handle,
                                                             jlong timeout_ms) {
  CallClient(env, handle, [&](Client& client) {
    return client.Flush(absl::Milliseconds(timeout_ms));
  });
}

// --- Status listeners ---

JNIEXPORT jlong JNICALL Java_io_telegate_Telegate_nativeAddStatusListener(
    JNIEnv* env, jobject, jlong handle, jobject dispatch) {
  return Guarded(env, jlong{0}, [&]() -> jlong {
    NativeClient* c = FromHandle(handle);
    absl::StatusOr<uint64_t> id = c->AddListener(env, dispatch);
    if (!id.ok()) {
      ThrowFor(env, c, id.status());
      return 0;
    }
    return static_cast<jlong>(*id);
  });
}

JNIEXPORT void JNICALL Java_io_telegate_Telegate_nativeRemoveStatusListener(
    JNIEnv* env, jobject, jlong handle, jlong id) {
  GuardedVoid(env, [&] {
    NativeClient* c = FromHandle(handle);
    absl::Status removed = c->RemoveListener(static_cast<uint64_t>(id));
    if (!removed.ok() && !absl::IsNotFound(removed)) ThrowFor(env, c, removed);
  });
}

// --- Upload ---

JNIEXPORT void JNICALL Java_io_telegate_Telegate_nativeSetEndpoints(
    JNIEnv* env, jobject, jlong handle, jbyteArray endpoints) {
  GuardedVoid(env, [&] {
    NativeClient* c = FromHandle(handle);
    auto list = DecodeEndpoints(ReadBytes(env, endpoints));
    if (!list.ok()) {
      ThrowStatus(env, list.status());
      return;
    }
    Check(env, c, c->client().SetEndpoints(*std::move(list)));
  });
}

JNIEXPORT jbyteArray JNICALL Java_io_telegate_Telegate_nativeNextUploadTask(
    JNIEnv* env, jobject, jlong handle) {
  return Guarded(env, jbyteArray{nullptr}, [&]() -> jbyteArray {
    NativeClient* c = FromHandle(handle);
    absl::StatusOr<telegate::UploadTask> task = c->client().GetUploadTask();
    if (!task.ok()) return BytesOrThrow(env, c, task.status());
    if (task->kind == telegate::UploadTask::Kind::kUpload) {
      c->KeepControl(task->request.task_id, task->request.control);
    }
    return NewByteArray(env, EncodeUploadTask(*task));
  });
}

JNIEXPORT jboolean JNICALL Java_io_telegate_Telegate_nativeBeginSend(
    JNIEnv* env, jobject, jlong handle, jlong task_id) {
  return Guarded(env, jboolean{JNI_FALSE}, [&]() -> jboolean {
    NativeClient* c = FromHandle(handle);
    auto control = c->FindControl(static_cast<uint64_t>(task_id));
    if (control != nullptr && control->BeginSend()) return JNI_TRUE;
    c->DropControl(
        static_cast<uint64_t>(task_id));  // cancelled: never reported
    return JNI_FALSE;
  });
}

JNIEXPORT jboolean JNICALL Java_io_telegate_Telegate_nativeCancelRequested(
    JNIEnv* env, jobject, jlong handle, jlong task_id) {
  return Guarded(env, jboolean{JNI_TRUE}, [&]() -> jboolean {
    auto control =
        FromHandle(handle)->FindControl(static_cast<uint64_t>(task_id));
    return control == nullptr || control->cancel_requested() ? JNI_TRUE
                                                             : JNI_FALSE;
  });
}

JNIEXPORT void JNICALL Java_io_telegate_Telegate_nativeSetCancelHandler(
    JNIEnv* env, jobject, jlong handle, jlong task_id, jobject wake) {
  GuardedVoid(env, [&] {
    auto control =
        FromHandle(handle)->FindControl(static_cast<uint64_t>(task_id));
    if (control == nullptr) return;
    if (wake == nullptr) {
      control->SetCancelHandler(nullptr);
      return;
    }
    GlobalRef ref(env, wake);
    control->SetCancelHandler([ref] {
      JNIEnv* env = ThreadEnv();  // the cancelling thread (the writer)
      if (env == nullptr) return;
      env->CallVoidMethod(ref.get(), Java().runnable_run);
      env->ExceptionClear();
    });
  });
}

JNIEXPORT jint JNICALL Java_io_telegate_Telegate_nativeReportUploadResult(
    JNIEnv* env, jobject, jlong handle, jlong task_id, jint http_status,
    jbyteArray body, jstring error) {
  return Guarded(env, jint{3}, [&]() -> jint {
    NativeClient* c = FromHandle(handle);
    telegate::UploadResponse response;
    response.http_status = http_status;
    response.body = ReadBytes(env, body);
    if (error != nullptr && !ReadString(env, error, &response.error).ok()) {
      response.error = "(unreadable error text)";
    }
    c->DropControl(static_cast<uint64_t>(task_id));
    absl::StatusOr<telegate::UploadVerdict> verdict =
        c->client().ReportUploadResult(static_cast<uint64_t>(task_id),
                                       response);
    if (!verdict.ok()) {
      ThrowFor(env, c, verdict.status());
      return 3;
    }
    return VerdictOrdinal(*verdict);
  });
}

// --- Callbacks from the Java seams ---

JNIEXPORT void JNICALL
Java_io_telegate_NativePermissionListener_nativeOnPermissionsChanged(
    JNIEnv* env, jclass, jlong handle) {
  GuardedVoid(env, [&] {
    reinterpret_cast<JavaPermissionSource*>(handle)->NotifyListener();
  });
}

JNIEXPORT void JNICALL Java_io_telegate_NativeTask_nativeRun(JNIEnv*, jclass,
                                                             jlong id) {
  JavaTaskScheduler::Run(static_cast<uint64_t>(id));
}

}  // extern "C"
