// Requirements SIM-1 and SIM-15 to SIM-19 (lib/sim-eps/README.md): framing, CRC
// and payloads as PROTOCOL.md writes them, in known-answer vectors, so that the
// simulator and the service cannot share a symmetric bug.
#include <gtest/gtest.h>

#include <string>

#include "sim-eps/protocol.h"

using namespace kubos::sim_eps;

namespace {
Bytes bytes(std::string_view s) { return Bytes(s.begin(), s.end()); }
std::vector<FrameDecoder::Event> decodeAll(FrameDecoder& d, const Bytes& in) {
  std::vector<FrameDecoder::Event> out;
  for (auto b : in)
    if (auto e = d.push(b)) out.push_back(*e);
  return out;
}
}  // namespace

TEST(Protocol, SIM_1_Crc16CcittFalseCheckValue) {
  EXPECT_EQ(crc16(bytes("123456789")), 0x29B1);
  EXPECT_EQ(crc16({}), 0xFFFF);
}

TEST(Protocol, SIM_15_FrameBytesMatchTheDocumentedExamples) {
  // PROTOCOL.md "Examples": GET_TELEMETRY and PING "hi" (CRCs checked
  // independently with python binascii.crc_hqx(data, 0xFFFF)).
  EXPECT_EQ(encodeFrame(kGetTelemetry), (Bytes{0xEB, 0x90, 0x02, 0x00, 0x7B, 0x6D}));
  EXPECT_EQ(encodeFrame(kPing, bytes("hi")), (Bytes{0xEB, 0x90, 0x01, 0x02, 0x68, 0x69, 0xE3, 0x18}));
}

TEST(Protocol, SIM_16_DecoderResyncsAfterGarbageAndFlagsBadChecksum) {
  FrameDecoder d;
  Bytes stream{0x00, 0xEB, 0xEB};  // noise, then a doubled sync byte
  Bytes good = encodeFrame(kPing, bytes("abc"));
  stream.insert(stream.end(), good.begin() + 1, good.end());  // EB(from noise) 90 ...
  Bytes bad = encodeFrame(kSetPower, Bytes{1});
  bad.back() ^= 0x01;
  stream.insert(stream.end(), bad.begin(), bad.end());
  auto ev = decodeAll(d, stream);
  ASSERT_EQ(ev.size(), 2u);
  EXPECT_EQ(ev[0].kind, FrameDecoder::Event::Kind::Frame);
  EXPECT_EQ(ev[0].frame, (Frame{kPing, bytes("abc")}));
  EXPECT_EQ(ev[1].kind, FrameDecoder::Event::Kind::BadChecksum);
  EXPECT_EQ(ev[1].frame.id, kSetPower);
  EXPECT_FALSE(d.midFrame());
}

TEST(Protocol, SIM_17_MaximumPayloadAndTruncation) {
  Bytes big(300, 0x55);
  Bytes f = encodeFrame(kRaw, big);
  EXPECT_EQ(f.size(), kHeaderSize + kMaxPayload + kTrailerSize);
  EXPECT_EQ(f[3], 255);
  FrameDecoder d;
  auto ev = decodeAll(d, f);
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(ev[0].frame.payload.size(), kMaxPayload);
}

TEST(Protocol, SIM_18_TelemetryRoundTripAndBigEndianLayout) {
  Telemetry t{7912, -5, -1234, 0x01020304, PowerState::Reset, 513, 87};
  Bytes p = encodeTelemetry(t);
  EXPECT_EQ(p, (Bytes{0x1E, 0xE8, 0xFF, 0xFB, 0xFB, 0x2E, 0x01, 0x02, 0x03, 0x04, 0x02, 0x02, 0x01, 87}));
  EXPECT_EQ(decodeTelemetry(p), t);
  p[10] = 7;  // unknown power state
  EXPECT_FALSE(decodeTelemetry(p));
  EXPECT_FALSE(decodeTelemetry(Bytes(13, 0)));
}

TEST(Protocol, SIM_19_PowerStateBytesMapToTheKitEnumAndUnknownBytesAreRefused) {
  EXPECT_EQ(powerStateByte(PowerState::Off), 0);
  EXPECT_EQ(powerStateByte(PowerState::On), 1);
  EXPECT_EQ(powerStateByte(PowerState::Reset), 2);
  for (PowerState s : {PowerState::Off, PowerState::On, PowerState::Reset}) {
    EXPECT_EQ(powerStateFromByte(powerStateByte(s)), s);
  }
  EXPECT_EQ(powerStateFromByte(3), std::nullopt);
  EXPECT_EQ(powerStateFromByte(0xFF), std::nullopt);
  // A telemetry payload with an unknown state byte is malformed, not a reset.
  Bytes p = encodeTelemetry(Telemetry{});
  p[10] = 7;
  EXPECT_EQ(decodeTelemetry(p), std::nullopt);
}
