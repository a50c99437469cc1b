// SecretBytes: a move-only byte buffer for key material.
//
// The bytes are wiped when the buffer is destroyed or moved from, and are never
// printed: there is deliberately no operator<< and no conversion to string.
// They live in memory of their own, left out of core dumps (MADV_DONTDUMP on
// Linux and Android) and locked in RAM where the OS allows (mlock).
//
//   telegate::SecretBytes key = telegate::SecretBytes::Random(32);
//   UseKey(key.data(), key.size());
//   // ~SecretBytes() overwrites the 32 bytes before freeing them.
#ifndef TELEGATE_SECRET_BYTES_H_
#define TELEGATE_SECRET_BYTES_H_

#include <cstddef>
#include <cstdint>

#include "telegate/export.h"

namespace telegate {

// Thread-compatible.
class TELEGATE_EXPORT SecretBytes {
 public:
  SecretBytes() = default;
  // Copies `size` bytes from `data`. The caller remains responsible for
  // wiping its own copy.
  SecretBytes(const void* data, size_t size);
  // A buffer of `size` cryptographically random bytes (OS entropy).
  // Returns an empty buffer if the OS has no entropy to give.
  static SecretBytes Random(size_t size);

  SecretBytes(SecretBytes&& other) noexcept;
  SecretBytes& operator=(SecretBytes&& other) noexcept;
  SecretBytes(const SecretBytes&) = delete;
  SecretBytes& operator=(const SecretBytes&) = delete;
  ~SecretBytes();

  const uint8_t* data() const { return data_; }
  uint8_t* mutable_data() { return data_; }
  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }

  // Constant-time comparison of contents.
  bool Equals(const SecretBytes& other) const;

 private:
  void Wipe();

  uint8_t* data_ = nullptr;
  size_t size_ = 0;
};

}  // namespace telegate

#endif  // TELEGATE_SECRET_BYTES_H_
