#include "aws/crypto.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <limits>
#include <utility>

namespace eec::aws {

core::Result<Digest> sha256(std::string_view data) {
  Digest out{};
  unsigned int length = 0;
  if (EVP_Digest(data.data(), data.size(), out.data(), &length, EVP_sha256(), nullptr) != 1 ||
      length != out.size()) {
    return core::make_error(core::ErrorKind::internal, "SHA-256 failed in libcrypto");
  }
  return out;
}

core::Result<Digest> hmac_sha256(std::span<const unsigned char> key, std::string_view data) {
  if (key.size() > static_cast<std::size_t>(std::numeric_limits<int>::max())) {
    return core::make_error(core::ErrorKind::internal, "HMAC key too long");
  }
  Digest out{};
  unsigned int length = 0;
  const auto* message = reinterpret_cast<const unsigned char*>(data.data());
  if (HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), message, data.size(), out.data(),
           &length) == nullptr ||
      length != out.size()) {
    return core::make_error(core::ErrorKind::internal, "HMAC-SHA256 failed in libcrypto");
  }
  return out;
}

std::string hex_encode(std::span<const unsigned char> bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char byte : bytes) {
    out.push_back(kDigits[byte >> 4]);
    out.push_back(kDigits[byte & 0x0f]);
  }
  return out;
}

core::Result<std::string> sha256_hex(std::string_view data) {
  auto digest = sha256(data);
  if (!digest) return std::unexpected(std::move(digest.error()));
  return hex_encode(*digest);
}

void wipe(std::span<unsigned char> bytes) {
  OPENSSL_cleanse(bytes.data(), bytes.size());
}

void wipe(std::string& text) {
  OPENSSL_cleanse(text.data(), text.size());
  text.clear();
}

}  // namespace eec::aws
