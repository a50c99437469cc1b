// FaultVfs: a SQLite VFS that wraps the default one and injects faults into
// the files below one directory — a full disk, I/O errors, a writer that
// hangs — so the store's failure paths can be driven on demand.
//
//   FaultVfs vfs(dir.path());          // registered as the default VFS
//   vfs.Set(FaultVfs::Fault::kDiskFull);
//   ... every write below dir.path() now fails with SQLITE_FULL ...
//   vfs.Set(FaultVfs::Fault::kNone);
//
// Only one FaultVfs may exist at a time. Thread-safe.
#ifndef TELEGATE_TESTS_SUPPORT_FAULT_VFS_H_
#define TELEGATE_TESTS_SUPPORT_FAULT_VFS_H_

#include <condition_variable>
#include <mutex>
#include <string>

struct sqlite3_vfs;

namespace telegate::testing {

class FaultVfs {
 public:
  enum class Fault {
    kNone,
    kDiskFull,    // writes and truncations fail with SQLITE_FULL
    kIoError,     // writes, syncs and reads fail with SQLITE_IOERR
    kStallWrites  // writes block until the fault changes
  };

  // Registers itself as the default VFS for files whose path starts with
  // `dir`; other files pass straight through.
  explicit FaultVfs(std::string dir);
  ~FaultVfs();
  FaultVfs(const FaultVfs&) = delete;
  FaultVfs& operator=(const FaultVfs&) = delete;

  void Set(Fault fault);
  // The next `count` reads of the file at `path` (exactly), as opened now,
  // return damaged bytes (each page then fails its HMAC check), whatever
  // the fault. A file opened later at the same path reads normally.
  void CorruptReads(const std::string& path, int count);
  // Crash points: the `n`-th write, truncation or sync (n >= 1) of a file
  // below the directory from now on writes one byte to `signal_fd` and
  // then blocks its thread for good — the test kills the process there
  // (the process must have been forked for it).
  void FreezeAtWrite(int n, int signal_fd);
  // Writes that failed or stalled because of a fault, since construction.
  int faults_hit();
  // True while some write is blocked by kStallWrites.
  bool stalled();
  // Temporary files SQLite opened (temp databases, sorter and statement
  // journals), anywhere, since construction.
  int temp_opens();

  // For the VFS callbacks.
  static FaultVfs* instance();
  bool Covers(const char* path) const;
  // Applies the current fault to a write; returns the SQLite code to fail
  // with, or 0 to go ahead.
  int BeforeWrite();
  int BeforeRead();
  // Numbers each opened file; counts temporary ones.
  uint64_t NextSerial(int open_flags);
  // True if this read of the file `serial` at `path` is to be damaged
  // (consumes one).
  bool TakeCorruptRead(const char* path, uint64_t serial);

 private:
  const std::string dir_;
  sqlite3_vfs* vfs_;
  std::mutex mu_;
  std::condition_variable cv_;
  Fault fault_ = Fault::kNone;
  int faults_hit_ = 0;
  int stalled_ = 0;
  std::string corrupt_path_;
  int corrupt_reads_ = 0;
  int temp_opens_ = 0;
  uint64_t next_serial_ = 0;
  uint64_t corrupt_below_serial_ = 0;
  int freeze_countdown_ = 0;  // 0: no crash point armed
  int freeze_fd_ = -1;
};

}  // namespace telegate::testing

#endif  // TELEGATE_TESTS_SUPPORT_FAULT_VFS_H_
