#include "native_client.h"

#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "bridge_codec.h"
#include "java_classes.h"
#include "java_seams.h"
#include "java_sources.h"
#include "jni_strings.h"

namespace telegate::jni_internal {

namespace {

// Tasks whose results were never reported (a crashed worker) are forgotten
// past this many; their leases expire in the core anyway.
constexpr size_t kMaxKeptControls = 64;

}  // namespace

StatusObserver ObserverFor(JNIEnv* env, jobject dispatch) {
  WeakRef ref(env, dispatch);
  return [ref](const CategoryChange& change) {
    JNIEnv* env = ThreadEnv();  // the notification thread, attached once
    if (env == nullptr) return;
    LocalFrame frame(env, 4);
    if (!frame.ok()) {
      env->ExceptionClear();
      return;
    }
    jobject target = ref.NewLocal(env);
    if (target == nullptr) return;  // collected with its Telegate
    jbyteArray bytes = NewByteArray(env, EncodeCategoryChange(change));
    if (bytes != nullptr) {
      env->CallVoidMethod(target, Java().dispatch_deliver, bytes);
    }
    env->ExceptionClear();  // deliver catches its own; this is OOM
  };
}

absl::StatusOr<std::unique_ptr<NativeClient>> NativeClient::Open(
    JNIEnv* env, absl::string_view options_bytes, const JavaSeamObjects& seams,
    jobject listener) {
  ClientOptions options;
  absl::Status decoded = DecodeOpenOptions(options_bytes, &options);
  if (!decoded.ok()) return decoded;
  std::unique_ptr<NativeClient> self(new NativeClient());
  absl::StatusOr<std::unique_ptr<JavaPermissionSource>> permissions =
      JavaPermissionSource::Create(env, seams.permissions);
  if (!permissions.ok()) return permissions.status();
  self->permissions_ = *std::move(permissions);
  self->key_store_ = std::make_unique<JavaKeyStore>(env, seams.key_store);
  if (seams.clock) self->clock_ = std::make_unique<JavaClock>(env, seams.clock);
  if (seams.scheduler) {
    self->scheduler_ =
        std::make_unique<JavaTaskScheduler>(env, seams.scheduler);
  }
  if (seams.device_facts) {
    self->device_facts_ =
        std::make_unique<JavaDeviceFacts>(env, seams.device_facts);
  }
  if (seams.device_identity) {
    self->device_identity_ =
        std::make_unique<JavaDeviceIdentity>(env, seams.device_identity);
  }
  if (seams.installed_apps) {
    self->installed_apps_ =
        std::make_unique<JavaInstalledApps>(env, seams.installed_apps);
  }
  if (seams.usage_records) {
    self->usage_records_ =
        std::make_unique<JavaUsageRecords>(env, seams.usage_records);
  }
  if (seams.location) {
    self->location_ = std::make_unique<JavaLocationSource>(env, seams.location);
  }
  if (seams.nearby_networks) {
    self->nearby_networks_ =
        std::make_unique<JavaNearbyNetworks>(env, seams.nearby_networks);
  }
  if (seams.base_stations) {
    self->base_stations_ =
        std::make_unique<JavaBaseStations>(env, seams.base_stations);
  }
  if (seams.network) {
    self->network_ = std::make_unique<JavaNetworkInfo>(env, seams.network);
  }
  if (seams.access) {
    self->access_ = std::make_unique<JavaAccessContext>(env, seams.access);
  }
  Env& e = self->env_;
  e.permissions = self->permissions_.get();
  e.key_store = self->key_store_.get();
  e.clock = self->clock_.get();
  e.scheduler = self->scheduler_.get();
  e.device_facts = self->device_facts_.get();
  e.device_identity = self->device_identity_.get();
  e.installed_apps = self->installed_apps_.get();
  e.usage_records = self->usage_records_.get();
  e.location = self->location_.get();
  e.nearby_networks = self->nearby_networks_.get();
  e.base_stations = self->base_stations_.get();
  e.network = self->network_.get();
  e.access = self->access_.get();
  options.env = &self->env_;
  if (listener != nullptr) options.status_observer = ObserverFor(env, listener);
  absl::StatusOr<std::unique_ptr<Client>> client = Client::Open(options);
  if (!client.ok()) return client.status();
  self->client_ = *std::move(client);
  self->max_event_bytes_ = options.max_event_bytes;
  return self;
}

NativeClient::~NativeClient() {
  if (client_ != nullptr) Close(absl::Seconds(10)).IgnoreError();
  client_.reset();  // before the seams it borrows
}

absl::Status NativeClient::Close(absl::Duration timeout) {
  closed_.store(true, std::memory_order_release);
  absl::Status status = client_->Close(timeout);
  std::set<uint64_t> listeners;
  std::map<uint64_t, std::shared_ptr<UploadControl>> controls;
  {
    std::lock_guard<std::mutex> lock(mu_);
    listeners.swap(listeners_);
    controls.swap(controls_);
  }
  for (uint64_t id : listeners) {
    client_->RemoveStatusObserver(id).IgnoreError();
  }
  for (const auto& [id, control] : controls) control->SetCancelHandler(nullptr);
  return status;
}

absl::StatusOr<const CategoryHandle*> NativeClient::Category(
    const std::string& name) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = categories_.find(name);
    if (it != categories_.end()) return it->second.get();
  }
  bool known = false;
  for (const CategoryStatus& row : client_->GetCategoryStatus()) {
    if (row.name == name) known = true;
  }
  if (!known) {
    return absl::InvalidArgumentError(
        absl::StrCat("unknown category \"", name, "\""));
  }
  std::lock_guard<std::mutex> lock(mu_);
  std::unique_ptr<CategoryHandle>& slot = categories_[name];
  if (slot == nullptr)
    slot = std::make_unique<CategoryHandle>(CategoryHandle{name});
  return slot.get();
}

absl::StatusOr<uint64_t> NativeClient::AddListener(JNIEnv* env,
                                                   jobject dispatch) {
  absl::StatusOr<uint64_t> id =
      client_->AddStatusObserver(ObserverFor(env, dispatch));
  if (!id.ok()) return id.status();
  std::lock_guard<std::mutex> lock(mu_);
  listeners_.insert(*id);
  return *id;
}

absl::Status NativeClient::RemoveListener(uint64_t id) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    listeners_.erase(id);
  }
  return client_->RemoveStatusObserver(id);
}

void NativeClient::KeepControl(uint64_t task_id,
                               std::shared_ptr<UploadControl> control) {
  std::lock_guard<std::mutex> lock(mu_);
  if (controls_.size() >= kMaxKeptControls) controls_.erase(controls_.begin());
  controls_[task_id] = std::move(control);
}

std::shared_ptr<UploadControl> NativeClient::FindControl(uint64_t task_id) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = controls_.find(task_id);
  return it == controls_.end() ? nullptr : it->second;
}

void NativeClient::DropControl(uint64_t task_id) {
  std::shared_ptr<UploadControl> dropped;  // released unlocked
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = controls_.find(task_id);
    if (it == controls_.end()) return;
    dropped = std::move(it->second);
    controls_.erase(it);
  }
  dropped->SetCancelHandler(nullptr);
}

}  // namespace telegate::jni_internal
