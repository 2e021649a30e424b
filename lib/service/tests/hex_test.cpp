// Requirements SK-HEX-1 to SK-HEX-5: the hex and UTF-8 codecs behind commandRaw.
#include <gtest/gtest.h>

#include "service/hex.h"

using kubos::service::Bytes;

TEST(Hex, SK_HEX_1_DecodesTheOutlineExample) {
  std::string err;
  auto b = kubos::service::decodeHex("74657374636f6d6d616e64", &err);
  ASSERT_TRUE(b.has_value()) << err;
  EXPECT_EQ(*b, kubos::service::bytesOf("testcommand"));
}

TEST(Hex, SK_HEX_1_AcceptsUpperCaseAndEmpty) {
  std::string err;
  EXPECT_EQ(*kubos::service::decodeHex("DEADbeef", &err), (Bytes{0xde, 0xad, 0xbe, 0xef}));
  EXPECT_EQ(*kubos::service::decodeHex("", &err), Bytes{});
}

TEST(Hex, SK_HEX_2_OddLengthNamesTheCount) {
  std::string err;
  EXPECT_FALSE(kubos::service::decodeHex("abc", &err));
  EXPECT_EQ(err, "odd number of hex digits (3)");
}

TEST(Hex, SK_HEX_3_BadDigitNamesCharacterAndPosition) {
  std::string err;
  EXPECT_FALSE(kubos::service::decodeHex("00zz", &err));
  EXPECT_EQ(err, "invalid hex digit 'z' at position 2");
  EXPECT_FALSE(kubos::service::decodeHex(std::string("0\n"), &err));
  EXPECT_EQ(err, "invalid hex digit byte 0x0a at position 1");
}

TEST(Hex, SK_HEX_4_EncodesLowerCase) {
  EXPECT_EQ(kubos::service::encodeHex(Bytes{0x00, 0x01, 0xab, 0xff}), "0001abff");
  EXPECT_EQ(kubos::service::encodeHex(Bytes{}), "");
}

TEST(Hex, SK_HEX_5_Utf8Check) {
  EXPECT_TRUE(kubos::service::isValidUtf8(kubos::service::bytesOf("pong \xc3\xa9 \xf0\x9f\x8f\x83")));
  EXPECT_FALSE(kubos::service::isValidUtf8(Bytes{0xff}));
  EXPECT_FALSE(kubos::service::isValidUtf8(Bytes{0xc3}));              // truncated
  EXPECT_FALSE(kubos::service::isValidUtf8(Bytes{0xc0, 0x80}));        // overlong
  EXPECT_FALSE(kubos::service::isValidUtf8(Bytes{0xed, 0xa0, 0x80}));  // surrogate
}
