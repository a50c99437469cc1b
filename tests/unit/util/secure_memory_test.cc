#include "util/secure_memory.h"

#include <linux/capability.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"
#include "gtest/gtest.h"
#include "support/child_process.h"
#include "support/fresh_process.h"
#include "telegate/secret_bytes.h"

// Under AddressSanitizer secure memory comes from operator new (no pools to
// look at); ThreadSanitizer's interceptors turn mlock into a no-op that
// reports success.
#if defined(__SANITIZE_ADDRESS__)
#define TELEGATE_TEST_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define TELEGATE_TEST_ASAN 1
#endif
#endif
#if defined(__SANITIZE_THREAD__)
#define TELEGATE_TEST_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define TELEGATE_TEST_TSAN 1
#endif
#endif

namespace telegate::util_internal {
namespace {

// The VmFlags of the mapping holding `p` (/proc/self/smaps): "dd" is
// "do not dump", "lo" is "locked".
std::vector<std::string> VmFlagsOf(const void* p) {
  const uintptr_t address = reinterpret_cast<uintptr_t>(p);
  std::ifstream smaps("/proc/self/smaps");
  std::string line;
  bool inside = false;
  while (std::getline(smaps, line)) {
    std::vector<std::string> range =
        absl::StrSplit(line.substr(0, line.find(' ')), '-');
    uint64_t begin = 0, end = 0;
    if (range.size() == 2 && absl::SimpleHexAtoi(range[0], &begin) &&
        absl::SimpleHexAtoi(range[1], &end)) {
      inside = begin <= address && address < end;
      continue;
    }
    if (inside && absl::StartsWith(line, "VmFlags:")) {
      return absl::StrSplit(line.substr(8), ' ', absl::SkipEmpty());
    }
  }
  return {};
}

bool Has(const std::vector<std::string>& flags, const char* flag) {
  for (const std::string& f : flags) {
    if (f == flag) return true;
  }
  return false;
}

// qemu-user (a cross build's tests) answers madvise with success and does
// nothing: MADV_DONTDUMP never shows in smaps there.
constexpr char kNoMadvise[] =
    "qemu-user ignores madvise: MADV_DONTDUMP cannot be observed";
bool DumpFlagIsObservable() {
  return !::telegate::testing::RunningUnderEmulator();
}

bool AllZero(const char* p, size_t n) {
  for (size_t i = 0; i < n; ++i) {
    if (p[i] != 0) return false;
  }
  return true;
}

#ifndef TELEGATE_TEST_ASAN

TEST(SecureMemoryTest, BlocksAreKeptOutOfCoreDumpsAndLockedWhereAllowed) {
  for (size_t size : {size_t{100}, size_t{64} << 10}) {  // pooled, own mapping
    void* p = SecureAllocate(size);
    ASSERT_NE(p, nullptr);
    std::vector<std::string> flags = VmFlagsOf(p);
    ASSERT_FALSE(flags.empty()) << size;
    if (!DumpFlagIsObservable()) continue;
    EXPECT_TRUE(Has(flags, "dd")) << "size " << size;
#ifndef TELEGATE_TEST_TSAN
    if (GetSecureMemoryStats().locked_bytes > 0) {
      EXPECT_TRUE(Has(flags, "lo")) << "size " << size;
    }
#endif
    SecureDeallocate(p, size);
  }
  EXPECT_TRUE(GetSecureMemoryStats().dump_excluded);
}

TEST(SecureMemoryTest, KeysLiveInSecureMemory) {
  if (!DumpFlagIsObservable()) GTEST_SKIP() << kNoMadvise;
  SecretBytes key = SecretBytes::Random(32);
  ASSERT_EQ(key.size(), 32u);
  EXPECT_TRUE(Has(VmFlagsOf(key.data()), "dd"));
}

TEST(SecureMemoryTest, AReleasedBlockIsWiped) {
  char* p = static_cast<char*>(SecureAllocate(200));
  std::memset(p, 'P', 200);
  SecureDeallocate(p, 200);
  // Still mapped (the pool keeps its mappings); the first 8 bytes link the
  // free list.
  EXPECT_TRUE(AllZero(p + 8, 192));
}

TEST(SecureMemoryTest, AStringThatGrowsWipesTheBlockItOutgrew) {
  SecureString s(300, 'P');
  const char* old = s.data();
  s.append(5000, 'Q');  // reallocates
  ASSERT_NE(s.data(), old);
  EXPECT_TRUE(AllZero(old + 8, 292));
}

TEST(SecureMemoryTest, WipeClearsPastTheSizeOfAStringThatShrank) {
  SecureString s(1000, 'P');
  s.resize(10);
  const char* data = s.data();
  s.Wipe();
  EXPECT_TRUE(s.empty());
  EXPECT_TRUE(AllZero(data, 1000));
}

TEST(SecureMemoryTest, ALargeBlockIsUnmappedWhenReleased) {
  const uint64_t before = GetSecureMemoryStats().mapped_bytes;
  void* p = SecureAllocate(1 << 20);
  ASSERT_NE(p, nullptr);
  EXPECT_GE(GetSecureMemoryStats().mapped_bytes, before + (1 << 20));
  SecureDeallocate(p, 1 << 20);
  EXPECT_EQ(GetSecureMemoryStats().mapped_bytes, before);
}

TEST(SecureMemoryTest, ThePoolReusesWhatWasReleased) {
  std::vector<SecureString> warm;
  for (int i = 0; i < 1000; ++i) warm.emplace_back(250, 'x');
  warm.clear();
  const uint64_t mapped = GetSecureMemoryStats().mapped_bytes;
  for (int round = 0; round < 20; ++round) {
    std::vector<SecureString> batch;
    for (int i = 0; i < 1000; ++i) batch.emplace_back(250, 'x');
  }
  EXPECT_EQ(GetSecureMemoryStats().mapped_bytes, mapped);
}

#ifndef TELEGATE_TEST_TSAN
// In a child: without CAP_IPC_LOCK and with RLIMIT_MEMLOCK 0, allocates
// secure memory; exits 0 if it was handed out, unlocked, out of dumps.
void AllocateWithoutLocking() {
  __user_cap_header_struct header{_LINUX_CAPABILITY_VERSION_3, 0};
  __user_cap_data_struct caps[2] = {};
  syscall(SYS_capget, &header, caps);
  caps[CAP_IPC_LOCK / 32].effective &= ~(1u << (CAP_IPC_LOCK % 32));
  syscall(SYS_capset, &header, caps);
  rlimit none{0, 0};
  setrlimit(RLIMIT_MEMLOCK, &none);
  const uint64_t locked = GetSecureMemoryStats().locked_bytes;
  std::vector<SecureString> strings;
  for (int i = 0; i < 100; ++i) strings.emplace_back(3000 + i, 'x');
  SecureString big(1 << 20, 'y');
  const bool ok = big.size() == (1u << 20) &&
                  GetSecureMemoryStats().locked_bytes == locked &&
                  (!DumpFlagIsObservable() || Has(VmFlagsOf(big.data()), "dd"));
  std::exit(ok ? 0 : 1);
}

// mlock refused: the memory is still handed out, wiped and kept out of
// dumps — only not locked. In a fresh process (what a threadsafe death test
// does, but through the emulator in a cross build).
constexpr char kUnlockedChild[] = "TELEGATE_SECURE_MEMORY_UNLOCKED_CHILD";
TEST(SecureMemoryDeathTest, ARefusedLockIsNotAnError) {
  if (std::getenv(kUnlockedChild) != nullptr) AllocateWithoutLocking();
  const int status =
      ::telegate::testing::RerunThisTestInAFreshProcess(kUnlockedChild, "1");
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << status;
}
#endif  // TELEGATE_TEST_TSAN

#endif  // TELEGATE_TEST_ASAN

TEST(SecureMemoryTest, ShortStringsAreWipedInline) {
  // A short string lives inside the object: its destructor wipes it there.
  alignas(SecureString) unsigned char storage[sizeof(SecureString)];
  SecureString* s = new (storage) SecureString("short secret");
  ASSERT_LE(s->capacity(), 23u);
  s->~SecureString();
  const std::string bytes(reinterpret_cast<char*>(storage), sizeof(storage));
  EXPECT_EQ(bytes.find("secret"), std::string::npos);
}

TEST(SecureMemoryTest, WipeStdStringClearsItsWholeBuffer) {
  std::string s(1000, 'P');
  s.resize(3);
  const char* data = s.data();
  WipeStdString(&s);
  EXPECT_TRUE(s.empty());
  EXPECT_TRUE(AllZero(data, 1000));
}

}  // namespace
}  // namespace telegate::util_internal
