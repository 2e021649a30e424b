// Space Packet codec: the worked examples of docs/comms.md, "Wire format".
#include <gtest/gtest.h>

#include <string>

#include "comms/packet.h"

using namespace kubos::comms;

namespace {
Bytes bytesOf(const std::string& s) { return Bytes(s.begin(), s.end()); }
const SpacePacketCodec codec;
}  // namespace

TEST(SpacePacket, COMMS_1_build_is_bit_exact) {
  Bytes b = codec.build(Packet{1294, PayloadType::GraphQL, 15001, {5, 4, 3, 2, 1}});
  EXPECT_EQ(b, (Bytes{0x00, 0x00, 0x00, 0x00, 0x00, 0x0F, 0, 0, 0, 0, 0, 0, 0x05, 0x0E, 0x3A, 0x99, 5, 4, 3, 2, 1}));
  auto r = codec.parse(b);
  ASSERT_TRUE(std::holds_alternative<Packet>(r));
  EXPECT_EQ(std::get<Packet>(r), (Packet{1294, PayloadType::GraphQL, 15001, {5, 4, 3, 2, 1}}));
  SpacePacketHeader h;
  ASSERT_TRUE(decodeSpacePacketHeader(b, &h));
  EXPECT_EQ(h, (SpacePacketHeader{0, 0, false, 0, 0, 0, 15, 1294, 15001}));
}

TEST(SpacePacket, COMMS_2_parses_the_python_vector) {
  Bytes b{0x00, 0x01, 0x00, 0x00, 0x00, 0x0F, 0, 0, 0, 0, 0, 0, 0x00, 0x6F, 0x05, 0xDC, 'q', 'u', 'e', 'r', 'y'};
  auto r = codec.parse(b);
  ASSERT_TRUE(std::holds_alternative<Packet>(r));
  const Packet& p = std::get<Packet>(r);
  EXPECT_EQ(p.type, PayloadType::Udp);
  EXPECT_EQ(p.commandId, 111U);
  EXPECT_EQ(p.destination, 1500);
  EXPECT_EQ(p.payload, bytesOf("query"));
}

TEST(SpacePacket, COMMS_3_reply_and_downlink_headers) {
  Bytes reply = codec.build(Packet{100, PayloadType::GraphQL, 0, bytesOf("{\"data\":{\"ping\":\"pong\"}}")});
  EXPECT_EQ(Bytes(reply.begin(), reply.begin() + 16),
            (Bytes{0x00, 0x00, 0x00, 0x00, 0x00, 0x22, 0, 0, 0, 0, 0, 0, 0, 0x64, 0x00, 0x00}));
  EXPECT_EQ(reply.size(), 16U + 24U);
  Bytes down = codec.build(Packet{0, PayloadType::Udp, 0, {5, 4, 3, 2}});
  EXPECT_EQ(down, (Bytes{0x00, 0x01, 0x00, 0x00, 0x00, 0x0E, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 5, 4, 3, 2}));
}

TEST(SpacePacket, COMMS_4_short_packets_are_errors) {
  for (std::size_t n = 0; n < 16; ++n) {
    Bytes b(n, 0);
    auto r = codec.parse(b);
    ASSERT_TRUE(std::holds_alternative<ParseError>(r)) << n;
    EXPECT_EQ(std::get<ParseError>(r).kind, ParseErrorKind::TooShort);
  }
  EXPECT_EQ(std::get<ParseError>(codec.parse(Bytes(7, 0))).message,
            "packet too short: 7 bytes (a Space Packet header is 16)");
}

TEST(SpacePacket, COMMS_5_length_mismatch_is_an_error) {
  Bytes b = codec.build(Packet{1, PayloadType::GraphQL, 80, {1, 2, 3, 4, 5}});
  Bytes longer = b;
  longer.resize(30, 0xEE);
  auto r = codec.parse(longer);
  ASSERT_TRUE(std::holds_alternative<ParseError>(r));
  EXPECT_EQ(std::get<ParseError>(r).kind, ParseErrorKind::LengthMismatch);
  EXPECT_EQ(std::get<ParseError>(r).message,
            "packet length mismatch: header says 15 (21 bytes in all), received 30 bytes");
  Bytes truncated(b.begin(), b.end() - 1);
  EXPECT_EQ(std::get<ParseError>(codec.parse(truncated)).kind, ParseErrorKind::LengthMismatch);
  // A header-only packet whose length claims no payload is fine.
  EXPECT_TRUE(std::holds_alternative<Packet>(codec.parse(codec.build(Packet{1, PayloadType::GraphQL, 80, {}}))));
}

TEST(SpacePacket, COMMS_6_unknown_apid_is_an_error) {
  Bytes b = codec.build(Packet{1, PayloadType::GraphQL, 80, {1}});
  b[1] = 2;
  auto r = codec.parse(b);
  ASSERT_TRUE(std::holds_alternative<ParseError>(r));
  EXPECT_EQ(std::get<ParseError>(r).kind, ParseErrorKind::UnknownType);
  EXPECT_EQ(std::get<ParseError>(r).message, "unknown APID 2 (0 = GraphQL, 1 = UDP)");
  b[0] = 0x07;
  b[1] = 0xFF;  // the CCSDS idle APID
  EXPECT_EQ(std::get<ParseError>(codec.parse(b)).kind, ParseErrorKind::UnknownType);
}

TEST(SpacePacket, COMMS_7_fields_are_masked_and_sizes_bounded) {
  SpacePacketHeader h;
  h.apid = 0xFFFF;
  h.sequenceCount = 0xFFFF;
  std::uint8_t out[16];
  encodeSpacePacketHeader(h, out);
  EXPECT_EQ(out[0], 0x07);  // version and flags untouched
  EXPECT_EQ(out[1], 0xFF);
  EXPECT_EQ(out[2], 0x3F);  // sequence flags untouched
  Bytes max(kSpacePacketMaxPayload, 0xAB);
  Bytes b = codec.build(Packet{7, PayloadType::Udp, 9, max});
  EXPECT_EQ(b[4], 0xFF);
  EXPECT_EQ(b[5], 0xFF);
  EXPECT_TRUE(std::holds_alternative<Packet>(codec.parse(b)));
  max.push_back(0);
  EXPECT_THROW(codec.build(Packet{7, PayloadType::Udp, 9, max}), std::length_error);
  // Every other bit pattern of word 0/1 parses (KubOS ground tools write zeros).
  Bytes c = codec.build(Packet{7, PayloadType::Udp, 9, {1}});
  c[0] |= 0xF8;
  c[2] = 0xFF;
  c[3] = 0xFF;
  auto r = codec.parse(c);
  ASSERT_TRUE(std::holds_alternative<Packet>(r));
  EXPECT_EQ(std::get<Packet>(r).type, PayloadType::Udp);
}
