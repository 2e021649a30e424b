// Fuzzes KISS decoding (lib/comms): arbitrary bytes from a serial radio.
// kissDecode must answer a frame or an error, never crash; a decoded frame
// must survive encode + decode; the input itself must survive encode +
// decode; a KissStream fed the input in uneven pieces must stay bounded.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "comms/kiss.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace kubos::comms;
  const ByteView bytes(data, size);
  auto r = kissDecode(bytes);
  if (const auto* f = std::get_if<KissFrame>(&r)) {
    if (f->pre.size() + f->post.size() + f->frame.size() > size) std::abort();
    auto back = kissDecode(kissEncode(f->frame));
    if (!std::holds_alternative<KissFrame>(back) || std::get<KissFrame>(back).frame != f->frame) std::abort();
  }
  auto round = kissDecode(kissEncode(bytes));
  if (!std::holds_alternative<KissFrame>(round)) std::abort();
  const KissFrame& rf = std::get<KissFrame>(round);
  if (rf.frame != Bytes(bytes.begin(), bytes.end()) || !rf.pre.empty() || !rf.post.empty()) std::abort();

  KissStream stream(256);
  std::size_t at = 0;
  std::size_t step = 1;
  while (at < size) {
    const std::size_t n = std::min(step, size - at);
    stream.push(bytes.subspan(at, n));
    at += n;
    step = step % 7 + 1;
    while (auto frame = stream.next()) {
      if (frame->size() > 256) std::abort();
    }
    if (stream.buffered() > 2 * 256 + 3 + 7) std::abort();
  }
  return 0;
}
