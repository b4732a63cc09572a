// SHA-256, HMAC-SHA256 and hex encoding over OpenSSL's libcrypto, for the SigV4 signer.
//
// Contract: pure functions, thread-safe (OpenSSL 3's one-shot calls keep no shared state). They
// fail only when libcrypto itself does (an internal error), never on any input. Digests are
// returned as raw bytes; callers that derive keys from secrets should wipe them with wipe().
#pragma once

#include <array>
#include <cstddef>
#include <span>
#include <string>
#include <string_view>

#include "core/error.h"

namespace eec::aws {

using Digest = std::array<unsigned char, 32>;

[[nodiscard]] core::Result<Digest> sha256(std::string_view data);
[[nodiscard]] core::Result<Digest> hmac_sha256(std::span<const unsigned char> key,
                                               std::string_view data);

// Lowercase hex, as SigV4 writes hashes and signatures.
[[nodiscard]] std::string hex_encode(std::span<const unsigned char> bytes);

// hex_encode(sha256(data)).
[[nodiscard]] core::Result<std::string> sha256_hex(std::string_view data);

// Overwrites key material in a way the optimiser may not drop (OPENSSL_cleanse).
void wipe(std::span<unsigned char> bytes);
void wipe(std::string& text);

}  // namespace eec::aws
