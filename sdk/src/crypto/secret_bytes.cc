#include "telegate/secret_bytes.h"

#include <openssl/crypto.h>
#include <openssl/rand.h>

#include <cstring>
#include <utility>

#include "util/secure_memory.h"

namespace telegate {

namespace {

uint8_t* Allocate(size_t size) {
  return static_cast<uint8_t*>(util_internal::SecureAllocate(size));
}

}  // namespace

SecretBytes::SecretBytes(const void* data, size_t size)
    : data_(size ? Allocate(size) : nullptr), size_(data_ ? size : 0) {
  if (size_) std::memcpy(data_, data, size_);
}

SecretBytes SecretBytes::Random(size_t size) {
  SecretBytes out;
  if (size == 0) return out;
  out.data_ = Allocate(size);
  if (out.data_ == nullptr) return out;
  out.size_ = size;
  if (RAND_bytes(out.data_, static_cast<int>(size)) != 1) {
    out.Wipe();
  }
  return out;
}

SecretBytes::SecretBytes(SecretBytes&& other) noexcept
    : data_(std::exchange(other.data_, nullptr)),
      size_(std::exchange(other.size_, 0)) {}

SecretBytes& SecretBytes::operator=(SecretBytes&& other) noexcept {
  if (this != &other) {
    Wipe();
    data_ = std::exchange(other.data_, nullptr);
    size_ = std::exchange(other.size_, 0);
  }
  return *this;
}

SecretBytes::~SecretBytes() { Wipe(); }

void SecretBytes::Wipe() {
  // Wiped on release.
  util_internal::SecureDeallocate(data_, size_);
  data_ = nullptr;
  size_ = 0;
}

bool SecretBytes::Equals(const SecretBytes& other) const {
  if (size_ != other.size_) return false;
  if (size_ == 0) return true;
  return CRYPTO_memcmp(data_, other.data_, size_) == 0;
}

}  // namespace telegate
