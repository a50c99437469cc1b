#include "telegate/secret_bytes.h"

#include <openssl/crypto.h>
#include <openssl/rand.h>

#include <cstring>
#include <utility>

namespace telegate {

SecretBytes::SecretBytes(const void* data, size_t size)
    : data_(size ? new uint8_t[size] : nullptr), size_(size) {
  if (size) std::memcpy(data_.get(), data, size);
}

SecretBytes SecretBytes::Random(size_t size) {
  SecretBytes out;
  if (size == 0) return out;
  out.data_.reset(new uint8_t[size]);
  out.size_ = size;
  if (RAND_bytes(out.data_.get(), static_cast<int>(size)) != 1) {
    out.Wipe();
  }
  return out;
}

SecretBytes::SecretBytes(SecretBytes&& other) noexcept
    : data_(std::move(other.data_)), size_(std::exchange(other.size_, 0)) {}

SecretBytes& SecretBytes::operator=(SecretBytes&& other) noexcept {
  if (this != &other) {
    Wipe();
    data_ = std::move(other.data_);
    size_ = std::exchange(other.size_, 0);
  }
  return *this;
}

SecretBytes::~SecretBytes() { Wipe(); }

void SecretBytes::Wipe() {
  if (data_ && size_) OPENSSL_cleanse(data_.get(), size_);
  data_.reset();
  size_ = 0;
}

bool SecretBytes::Equals(const SecretBytes& other) const {
  if (size_ != other.size_) return false;
  if (size_ == 0) return true;
  return CRYPTO_memcmp(data_.get(), other.data_.get(), size_) == 0;
}

}  // namespace telegate
