// Fuzzes Space Packet parsing (lib/comms): arbitrary bytes from the radio.
// Whatever the input, parse() must answer a Packet or a ParseError, never
// crash; a packet that parses must rebuild to bytes that parse back to it,
// and the 16 header bytes must survive decode + encode bit for bit.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>

#include "comms/packet.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace kubos::comms;
  static const SpacePacketCodec codec;
  const ByteView bytes(data, size);
  ParseResult r = codec.parse(bytes);
  if (const auto* p = std::get_if<Packet>(&r)) {
    if (size != kSpacePacketHeaderSize + p->payload.size()) std::abort();
    const Bytes rebuilt = codec.build(*p);
    auto again = codec.parse(rebuilt);
    if (!std::holds_alternative<Packet>(again) || std::get<Packet>(again) != *p) std::abort();
  } else if (std::get<ParseError>(r).message.empty()) {
    std::abort();
  }
  SpacePacketHeader h;
  if (decodeSpacePacketHeader(bytes, &h)) {
    std::uint8_t out[kSpacePacketHeaderSize];
    encodeSpacePacketHeader(h, out);
    if (std::memcmp(out, data, kSpacePacketHeaderSize) != 0) std::abort();
  }
  return 0;
}
