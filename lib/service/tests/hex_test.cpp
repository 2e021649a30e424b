// Requirement SK-HW-3: hex/str codecs for commandRaw; bad hex gives a clear error.
#include <gtest/gtest.h>

#include "service/hex.h"

using kit::Bytes;

TEST(Hex, SKHW3_DecodesSeedExample) {
  std::string err;
  auto b = kit::decodeHex("74657374636f6d6d616e64", &err);
  ASSERT_TRUE(b.has_value()) << err;
  EXPECT_EQ(*b, kit::bytesOf("testcommand"));
}

TEST(Hex, SKHW3_AcceptsUpperCaseAndEmpty) {
  std::string err;
  EXPECT_EQ(*kit::decodeHex("DEADbeef", &err), (Bytes{0xde, 0xad, 0xbe, 0xef}));
  EXPECT_EQ(*kit::decodeHex("", &err), Bytes{});
}

TEST(Hex, SKHW3_OddLengthNamesTheCount) {
  std::string err;
  EXPECT_FALSE(kit::decodeHex("abc", &err));
  EXPECT_EQ(err, "odd number of hex digits (3)");
}

TEST(Hex, SKHW3_BadDigitNamesCharacterAndPosition) {
  std::string err;
  EXPECT_FALSE(kit::decodeHex("00zz", &err));
  EXPECT_EQ(err, "invalid hex digit 'z' at position 2");
  EXPECT_FALSE(kit::decodeHex(std::string("0\n"), &err));
  EXPECT_EQ(err, "invalid hex digit byte 0x0a at position 1");
}

TEST(Hex, SKHW3_EncodesLowerCase) {
  EXPECT_EQ(kit::encodeHex(Bytes{0x00, 0x01, 0xab, 0xff}), "0001abff");
  EXPECT_EQ(kit::encodeHex(Bytes{}), "");
}

TEST(Hex, SKHW3_Utf8Check) {
  EXPECT_TRUE(kit::isValidUtf8(kit::bytesOf("pong \xc3\xa9 \xf0\x9f\x8f\x83")));
  EXPECT_FALSE(kit::isValidUtf8(Bytes{0xff}));
  EXPECT_FALSE(kit::isValidUtf8(Bytes{0xc3}));              // truncated
  EXPECT_FALSE(kit::isValidUtf8(Bytes{0xc0, 0x80}));        // overlong
  EXPECT_FALSE(kit::isValidUtf8(Bytes{0xed, 0xa0, 0x80}));  // surrogate
}
