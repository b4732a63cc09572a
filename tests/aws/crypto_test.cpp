#include "aws/crypto.h"

#include <gtest/gtest.h>

#include <string>

namespace eec::aws {
namespace {

std::span<const unsigned char> bytes(std::string_view text) {
  return {reinterpret_cast<const unsigned char*>(text.data()), text.size()};
}

TEST(Crypto, Sha256KnownAnswers) {
  EXPECT_EQ(sha256_hex("").value(),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256_hex("abc").value(),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

// RFC 4231 test cases 2 and 6 (a key longer than the block size).
TEST(Crypto, HmacSha256Rfc4231) {
  EXPECT_EQ(hex_encode(hmac_sha256(bytes("Jefe"), "what do ya want for nothing?").value()),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  const std::string long_key(131, '\xaa');
  EXPECT_EQ(hex_encode(hmac_sha256(bytes(long_key),
                                   "Test Using Larger Than Block-Size Key - Hash Key First")
                           .value()),
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
}

TEST(Crypto, HexIsLowercase) {
  const unsigned char data[] = {0x00, 0x0f, 0xab, 0xff};
  EXPECT_EQ(hex_encode(data), "000fabff");
}

TEST(Crypto, WipeClearsText) {
  std::string secret = "secret";
  wipe(secret);
  EXPECT_TRUE(secret.empty());
}

}  // namespace
}  // namespace eec::aws
