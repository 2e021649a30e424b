#include "comms/packet.h"

#include <stdexcept>

namespace kubos::comms {

namespace {

std::uint16_t be16(const std::uint8_t* p) {
  return static_cast<std::uint16_t>((static_cast<unsigned>(p[0]) << 8U) | p[1]);
}

void putBe16(std::uint8_t* p, std::uint16_t v) {
  p[0] = static_cast<std::uint8_t>(v >> 8U);
  p[1] = static_cast<std::uint8_t>(v & 0xFFU);
}

}  // namespace

const char* payloadTypeName(PayloadType t) { return t == PayloadType::GraphQL ? "GraphQL" : "UDP"; }

bool decodeSpacePacketHeader(ByteView bytes, SpacePacketHeader* out) {
  if (bytes.size() < kSpacePacketHeaderSize) return false;
  const std::uint8_t* p = bytes.data();
  const std::uint16_t w0 = be16(p);
  const std::uint16_t w1 = be16(p + 2);
  out->version = static_cast<std::uint8_t>((w0 >> 13U) & 0x7U);
  out->packetType = static_cast<std::uint8_t>((w0 >> 12U) & 0x1U);
  out->secondaryHeader = ((w0 >> 11U) & 0x1U) != 0;
  out->apid = static_cast<std::uint16_t>(w0 & 0x7FFU);
  out->sequenceFlags = static_cast<std::uint8_t>((w1 >> 14U) & 0x3U);
  out->sequenceCount = static_cast<std::uint16_t>(w1 & 0x3FFFU);
  out->dataLength = be16(p + 4);
  std::uint64_t id = 0;
  for (std::size_t i = 0; i < 8; ++i) id = (id << 8U) | p[6 + i];
  out->commandId = id;
  out->destination = be16(p + 14);
  return true;
}

void encodeSpacePacketHeader(const SpacePacketHeader& h, std::uint8_t* out16) {
  // Masking keeps an out-of-range field from spilling into its neighbours
  // (KubOS ORs the APID in unmasked).
  const auto w0 = static_cast<std::uint16_t>(((h.version & 0x7U) << 13U) | ((h.packetType & 0x1U) << 12U) |
                                             ((h.secondaryHeader ? 1U : 0U) << 11U) | (h.apid & 0x7FFU));
  const auto w1 = static_cast<std::uint16_t>(((h.sequenceFlags & 0x3U) << 14U) | (h.sequenceCount & 0x3FFFU));
  putBe16(out16, w0);
  putBe16(out16 + 2, w1);
  putBe16(out16 + 4, h.dataLength);
  for (std::size_t i = 0; i < 8; ++i) out16[6 + i] = static_cast<std::uint8_t>((h.commandId >> (8U * (7 - i))) & 0xFFU);
  putBe16(out16 + 14, h.destination);
}

ParseResult SpacePacketCodec::parse(ByteView bytes) const {
  SpacePacketHeader h;
  if (!decodeSpacePacketHeader(bytes, &h))
    return ParseError{ParseErrorKind::TooShort, "packet too short: " + std::to_string(bytes.size()) +
                                                    " bytes (a Space Packet header is 16)"};
  // docs/comms.md, "Wire format": a whole packet is length + 6 bytes.
  const std::size_t expected = std::size_t{h.dataLength} + 6;
  if (expected != bytes.size())
    return ParseError{ParseErrorKind::LengthMismatch,
                      "packet length mismatch: header says " + std::to_string(h.dataLength) + " (" +
                          std::to_string(expected) + " bytes in all), received " + std::to_string(bytes.size()) +
                          " bytes"};
  if (h.apid != static_cast<std::uint16_t>(PayloadType::GraphQL) && h.apid != static_cast<std::uint16_t>(PayloadType::Udp))
    return ParseError{ParseErrorKind::UnknownType, "unknown APID " + std::to_string(h.apid) + " (0 = GraphQL, 1 = UDP)"};
  Packet p;
  p.commandId = h.commandId;
  p.type = static_cast<PayloadType>(h.apid);
  p.destination = h.destination;
  p.payload.assign(bytes.begin() + kSpacePacketHeaderSize, bytes.end());
  return p;
}

Bytes SpacePacketCodec::build(const Packet& packet) const {
  if (packet.payload.size() > kSpacePacketMaxPayload)
    throw std::length_error("payload of " + std::to_string(packet.payload.size()) +
                            " bytes does not fit one Space Packet (at most " + std::to_string(kSpacePacketMaxPayload) + ")");
  SpacePacketHeader h;
  h.apid = static_cast<std::uint16_t>(packet.type);
  h.dataLength = static_cast<std::uint16_t>(packet.payload.size() + 10);
  h.commandId = packet.commandId;
  h.destination = packet.destination;
  Bytes out(kSpacePacketHeaderSize + packet.payload.size());
  encodeSpacePacketHeader(h, out.data());
  std::copy(packet.payload.begin(), packet.payload.end(), out.begin() + kSpacePacketHeaderSize);
  return out;
}

}  // namespace kubos::comms
