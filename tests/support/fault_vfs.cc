#include "support/fault_vfs.h"

#include <sqlite3.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace telegate::testing {

namespace {

FaultVfs* g_instance = nullptr;
sqlite3_vfs* g_real = nullptr;

// Our file: the wrapper, then the real VFS's file object right after it.
struct FaultFile {
  sqlite3_file base;
  bool covered;
  const char* path;  // SQLite keeps the name valid until xClose
  uint64_t serial;
  sqlite3_file* Real() { return reinterpret_cast<sqlite3_file*>(this + 1); }
};

FaultFile* Cast(sqlite3_file* f) { return reinterpret_cast<FaultFile*>(f); }

int Close(sqlite3_file* f) { return Cast(f)->Real()->pMethods->xClose(Cast(f)->Real()); }

int Read(sqlite3_file* f, void* buf, int n, sqlite3_int64 offset) {
  if (Cast(f)->covered) {
    if (int rc = g_instance->BeforeRead()) return rc;
  }
  int rc = Cast(f)->Real()->pMethods->xRead(Cast(f)->Real(), buf, n, offset);
  if (rc == SQLITE_OK && Cast(f)->covered && Cast(f)->path != nullptr &&
      g_instance->TakeCorruptRead(Cast(f)->path, Cast(f)->serial)) {
    unsigned char* bytes = static_cast<unsigned char*>(buf);
    for (int i = n / 4; i < n / 2; ++i) bytes[i] ^= 0x5a;
  }
  return rc;
}

int Write(sqlite3_file* f, const void* buf, int n, sqlite3_int64 offset) {
  if (Cast(f)->covered) {
    if (int rc = g_instance->BeforeWrite()) return rc;
  }
  return Cast(f)->Real()->pMethods->xWrite(Cast(f)->Real(), buf, n, offset);
}

int Truncate(sqlite3_file* f, sqlite3_int64 size) {
  if (Cast(f)->covered) {
    if (int rc = g_instance->BeforeWrite()) return rc;
  }
  return Cast(f)->Real()->pMethods->xTruncate(Cast(f)->Real(), size);
}

int Sync(sqlite3_file* f, int flags) {
  if (Cast(f)->covered) {
    int rc = g_instance->BeforeWrite();
    if (rc == SQLITE_FULL) rc = 0;  // a sync does not need space
    if (rc) return SQLITE_IOERR_FSYNC;
  }
  return Cast(f)->Real()->pMethods->xSync(Cast(f)->Real(), flags);
}

int FileSize(sqlite3_file* f, sqlite3_int64* size) {
  return Cast(f)->Real()->pMethods->xFileSize(Cast(f)->Real(), size);
}
int Lock(sqlite3_file* f, int level) {
  return Cast(f)->Real()->pMethods->xLock(Cast(f)->Real(), level);
}
int Unlock(sqlite3_file* f, int level) {
  return Cast(f)->Real()->pMethods->xUnlock(Cast(f)->Real(), level);
}
int CheckReservedLock(sqlite3_file* f, int* out) {
  return Cast(f)->Real()->pMethods->xCheckReservedLock(Cast(f)->Real(), out);
}
int FileControl(sqlite3_file* f, int op, void* arg) {
  return Cast(f)->Real()->pMethods->xFileControl(Cast(f)->Real(), op, arg);
}
int SectorSize(sqlite3_file* f) {
  return Cast(f)->Real()->pMethods->xSectorSize(Cast(f)->Real());
}
int DeviceCharacteristics(sqlite3_file* f) {
  return Cast(f)->Real()->pMethods->xDeviceCharacteristics(Cast(f)->Real());
}
int ShmMap(sqlite3_file* f, int page, int size, int extend,
           void volatile** out) {
  return Cast(f)->Real()->pMethods->xShmMap(Cast(f)->Real(), page, size,
                                            extend, out);
}
int ShmLock(sqlite3_file* f, int offset, int n, int flags) {
  return Cast(f)->Real()->pMethods->xShmLock(Cast(f)->Real(), offset, n,
                                             flags);
}
void ShmBarrier(sqlite3_file* f) {
  Cast(f)->Real()->pMethods->xShmBarrier(Cast(f)->Real());
}
int ShmUnmap(sqlite3_file* f, int delete_flag) {
  return Cast(f)->Real()->pMethods->xShmUnmap(Cast(f)->Real(), delete_flag);
}
int Fetch(sqlite3_file*, sqlite3_int64, int, void** out) {
  // No memory-mapped reads: every read goes through Read.
  *out = nullptr;
  return SQLITE_OK;
}
int Unfetch(sqlite3_file*, sqlite3_int64, void*) {
  return SQLITE_OK;
}

const sqlite3_io_methods kMethods = {
    3,         Close,       Read,       Write,
    Truncate,  Sync,        FileSize,   Lock,
    Unlock,    CheckReservedLock,       FileControl,
    SectorSize, DeviceCharacteristics,  ShmMap,
    ShmLock,   ShmBarrier,  ShmUnmap,   Fetch,
    Unfetch};

int Open(sqlite3_vfs*, sqlite3_filename name, sqlite3_file* file, int flags,
         int* out_flags) {
  FaultFile* f = Cast(file);
  f->base.pMethods = nullptr;
  f->covered = name != nullptr && g_instance->Covers(name);
  f->path = name;
  f->serial = g_instance->NextSerial(flags);
  int rc = g_real->xOpen(g_real, name, f->Real(), flags, out_flags);
  if (f->Real()->pMethods != nullptr) f->base.pMethods = &kMethods;
  return rc;
}

int Delete(sqlite3_vfs*, const char* name, int sync_dir) {
  return g_real->xDelete(g_real, name, sync_dir);
}
int Access(sqlite3_vfs*, const char* name, int flags, int* out) {
  return g_real->xAccess(g_real, name, flags, out);
}
int FullPathname(sqlite3_vfs*, const char* name, int n, char* out) {
  return g_real->xFullPathname(g_real, name, n, out);
}
void* DlOpen(sqlite3_vfs*, const char* name) {
  return g_real->xDlOpen(g_real, name);
}
void DlError(sqlite3_vfs*, int n, char* out) { g_real->xDlError(g_real, n, out); }
void (*DlSym(sqlite3_vfs*, void* handle, const char* symbol))(void) {
  return g_real->xDlSym(g_real, handle, symbol);
}
void DlClose(sqlite3_vfs*, void* handle) { g_real->xDlClose(g_real, handle); }
int Randomness(sqlite3_vfs*, int n, char* out) {
  return g_real->xRandomness(g_real, n, out);
}
int Sleep(sqlite3_vfs*, int us) { return g_real->xSleep(g_real, us); }
int CurrentTime(sqlite3_vfs*, double* out) {
  return g_real->xCurrentTime(g_real, out);
}
int GetLastError(sqlite3_vfs*, int n, char* out) {
  return g_real->xGetLastError(g_real, n, out);
}
int CurrentTimeInt64(sqlite3_vfs*, sqlite3_int64* out) {
  return g_real->xCurrentTimeInt64(g_real, out);
}

}  // namespace

FaultVfs::FaultVfs(std::string dir) : dir_(std::move(dir)) {
  if (g_instance != nullptr) {
    std::fprintf(stderr, "only one FaultVfs at a time\n");
    std::abort();
  }
  g_instance = this;
  g_real = sqlite3_vfs_find(nullptr);
  vfs_ = new sqlite3_vfs();
  vfs_->iVersion = 2;
  vfs_->szOsFile = static_cast<int>(sizeof(FaultFile)) + g_real->szOsFile;
  vfs_->mxPathname = g_real->mxPathname;
  vfs_->zName = "telegate-fault";
  vfs_->xOpen = Open;
  vfs_->xDelete = Delete;
  vfs_->xAccess = Access;
  vfs_->xFullPathname = FullPathname;
  vfs_->xDlOpen = DlOpen;
  vfs_->xDlError = DlError;
  vfs_->xDlSym = DlSym;
  vfs_->xDlClose = DlClose;
  vfs_->xRandomness = Randomness;
  vfs_->xSleep = Sleep;
  vfs_->xCurrentTime = CurrentTime;
  vfs_->xGetLastError = GetLastError;
  vfs_->xCurrentTimeInt64 = CurrentTimeInt64;
  sqlite3_vfs_register(vfs_, /*makeDflt=*/1);
}

FaultVfs::~FaultVfs() {
  Set(Fault::kNone);
  sqlite3_vfs_unregister(vfs_);
  sqlite3_vfs_register(g_real, 1);
  // Connections opened through this VFS must be closed by now.
  delete vfs_;
  g_instance = nullptr;
}

FaultVfs* FaultVfs::instance() { return g_instance; }

bool FaultVfs::Covers(const char* path) const {
  return std::strncmp(path, dir_.c_str(), dir_.size()) == 0;
}

void FaultVfs::Set(Fault fault) {
  std::lock_guard<std::mutex> lock(mu_);
  fault_ = fault;
  cv_.notify_all();
}

int FaultVfs::faults_hit() {
  std::lock_guard<std::mutex> lock(mu_);
  return faults_hit_;
}

bool FaultVfs::stalled() {
  std::lock_guard<std::mutex> lock(mu_);
  return stalled_ > 0;
}

void FaultVfs::FreezeAtWrite(int n, int signal_fd) {
  std::lock_guard<std::mutex> lock(mu_);
  freeze_countdown_ = n;
  freeze_fd_ = signal_fd;
}

int FaultVfs::BeforeWrite() {
  std::unique_lock<std::mutex> lock(mu_);
  if (freeze_countdown_ > 0 && --freeze_countdown_ == 0) {
    char byte = 1;
    (void)!::write(freeze_fd_, &byte, 1);
    lock.unlock();
    for (;;) ::pause();  // until the test's SIGKILL
  }
  switch (fault_) {
    case Fault::kNone:
      return 0;
    case Fault::kDiskFull:
      ++faults_hit_;
      return SQLITE_FULL;
    case Fault::kIoError:
      ++faults_hit_;
      return SQLITE_IOERR_WRITE;
    case Fault::kStallWrites:
      ++faults_hit_;
      ++stalled_;
      cv_.wait(lock, [this] { return fault_ != Fault::kStallWrites; });
      --stalled_;
      return 0;
  }
  return 0;
}

void FaultVfs::CorruptReads(const std::string& path, int count) {
  std::lock_guard<std::mutex> lock(mu_);
  corrupt_path_ = path;
  corrupt_reads_ = count;
  corrupt_below_serial_ = next_serial_;
}

uint64_t FaultVfs::NextSerial(int open_flags) {
  std::lock_guard<std::mutex> lock(mu_);
  if (open_flags & (SQLITE_OPEN_TEMP_DB | SQLITE_OPEN_TEMP_JOURNAL |
                    SQLITE_OPEN_TRANSIENT_DB | SQLITE_OPEN_SUBJOURNAL)) {
    ++temp_opens_;
  }
  return next_serial_++;
}

int FaultVfs::temp_opens() {
  std::lock_guard<std::mutex> lock(mu_);
  return temp_opens_;
}

bool FaultVfs::TakeCorruptRead(const char* path, uint64_t serial) {
  std::lock_guard<std::mutex> lock(mu_);
  if (corrupt_reads_ <= 0 || serial >= corrupt_below_serial_ ||
      corrupt_path_ != path) {
    return false;
  }
  --corrupt_reads_;
  ++faults_hit_;
  return true;
}

int FaultVfs::BeforeRead() {
  std::lock_guard<std::mutex> lock(mu_);
  if (fault_ == Fault::kIoError) {
    ++faults_hit_;
    return SQLITE_IOERR_READ;
  }
  return 0;
}

}  // namespace telegate::testing
