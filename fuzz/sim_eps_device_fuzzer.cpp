// libFuzzer target: the sim-eps simulator's side of lib/sim-eps/PROTOCOL.md.
// Arbitrary bytes from the host go through FrameDecoder into Board::handle, as
// tools/sim-eps does on its pty (a simulated clock moves 20 ms per frame, so
// resets start and end). Whatever the bytes: every decoded frame or checksum
// failure gets exactly one reply frame, which decodes again with a good CRC,
// and is the command's reply id or a NAK naming the command's id.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "sim-eps/board.h"
#include "sim-eps/protocol.h"

namespace {

using namespace kubos::sim_eps;

// The one frame in `bytes`, which must hold exactly one, with a good CRC.
Frame onlyFrame(const Bytes& bytes) {
  FrameDecoder d;
  std::optional<FrameDecoder::Event> got;
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    auto ev = d.push(bytes[i]);
    if (!ev) continue;
    if (ev->kind != FrameDecoder::Event::Kind::Frame || i + 1 != bytes.size()) std::abort();
    got = std::move(ev);
  }
  if (!got || d.midFrame() || d.skippedBytes() != 0) std::abort();
  return got->frame;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const Board::Clock::time_point t0{};
  auto now = t0;
  Board board(now);
  FrameDecoder decoder;
  for (std::size_t i = 0; i < size; ++i) {
    auto ev = decoder.push(data[i]);
    if (!ev) continue;
    now += std::chrono::milliseconds(20);
    const Frame reply = onlyFrame(board.handle(*ev, now));
    if (ev->kind == FrameDecoder::Event::Kind::BadChecksum) {
      if (reply.id != kNak || reply.payload != Bytes{ev->frame.id, static_cast<std::uint8_t>(NakReason::BadChecksum)})
        std::abort();
      continue;
    }
    // A good frame survives an encode/decode round trip unchanged.
    if (onlyFrame(encodeFrame(ev->frame.id, ev->frame.payload)) != ev->frame) std::abort();
    if (reply.id == kNak) {
      if (reply.payload.size() != 2 || reply.payload[0] != ev->frame.id) std::abort();
    } else if (reply.id != (ev->frame.id | kReplyFlag)) {
      std::abort();
    }
    if (reply.id == (kGetTelemetry | kReplyFlag) && !decodeTelemetry(reply.payload)) std::abort();
  }
  return 0;
}
