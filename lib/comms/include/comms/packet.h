// Link packets: the Space Packet codec KubOS uses, behind a small interface so
// a mission can plug in another packet type (docs/comms.md, "Wire format" and
// "Other packet types"). Pure functions over bytes: no sockets, no threads.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <variant>
#include <vector>

namespace kubos::comms {

using Bytes = std::vector<std::uint8_t>;
using ByteView = std::span<const std::uint8_t>;

// The APID values KubOS uses as the payload type.
enum class PayloadType : std::uint16_t { GraphQL = 0, Udp = 1 };

// What the framework needs from any link packet.
struct Packet {
  std::uint64_t commandId = 0;
  PayloadType type = PayloadType::GraphQL;
  std::uint16_t destination = 0;
  Bytes payload;
  bool operator==(const Packet&) const = default;
};

enum class ParseErrorKind { TooShort, LengthMismatch, UnknownType };

struct ParseError {
  ParseErrorKind kind;
  std::string message;  // one line a person can act on
};

using ParseResult = std::variant<Packet, ParseError>;

// A link packet format. Implementations must be thread-safe (const).
class PacketCodec {
 public:
  virtual ~PacketCodec() = default;
  // Never throws: every malformed input is a ParseError.
  virtual ParseResult parse(ByteView bytes) const = 0;
  // Throws std::length_error when the payload does not fit one packet.
  virtual Bytes build(const Packet& packet) const = 0;
  // The largest payload build() accepts.
  virtual std::size_t maxPayload() const = 0;
};

// The Space Packet header exactly as on the wire (docs/comms.md, "Wire format").
struct SpacePacketHeader {
  std::uint8_t version = 0;        // 3 bits
  std::uint8_t packetType = 0;     // 1 bit
  bool secondaryHeader = false;    // 1 bit
  std::uint16_t apid = 0;          // 11 bits
  std::uint8_t sequenceFlags = 0;  // 2 bits
  std::uint16_t sequenceCount = 0; // 14 bits
  std::uint16_t dataLength = 0;    // payload length + 10
  std::uint64_t commandId = 0;
  std::uint16_t destination = 0;
  bool operator==(const SpacePacketHeader&) const = default;
};

inline constexpr std::size_t kSpacePacketHeaderSize = 16;
// The length field counts command id + destination (10 bytes) + payload.
inline constexpr std::size_t kSpacePacketMaxPayload = 0xFFFF - 10;

// Header fields out of the first 16 bytes; false when there are fewer.
bool decodeSpacePacketHeader(ByteView bytes, SpacePacketHeader* out);
// 16 bytes; every field masked to its width.
void encodeSpacePacketHeader(const SpacePacketHeader& h, std::uint8_t* out16);

class SpacePacketCodec final : public PacketCodec {
 public:
  ParseResult parse(ByteView bytes) const override;
  Bytes build(const Packet& packet) const override;
  std::size_t maxPayload() const override { return kSpacePacketMaxPayload; }
};

const char* payloadTypeName(PayloadType t);

}  // namespace kubos::comms
