#include "comms/kiss.h"

#include <algorithm>

namespace kubos::comms {

Bytes kissEncode(ByteView payload) {
  Bytes out;
  out.reserve(payload.size() + payload.size() / 8 + 3);
  out.push_back(kKissFend);
  out.push_back(0x00);  // data frame, port 0
  for (std::uint8_t b : payload) {
    if (b == kKissFend) {
      out.push_back(kKissFesc);
      out.push_back(kKissTfend);
    } else if (b == kKissFesc) {
      out.push_back(kKissFesc);
      out.push_back(kKissTfesc);
    } else {
      out.push_back(b);
    }
  }
  out.push_back(kKissFend);
  return out;
}

std::optional<Bytes> kissUnescape(ByteView escaped) {
  Bytes out;
  out.reserve(escaped.size());
  for (std::size_t i = 0; i < escaped.size(); ++i) {
    std::uint8_t b = escaped[i];
    if (b != kKissFesc) {
      out.push_back(b);
      continue;
    }
    if (i + 1 >= escaped.size()) return std::nullopt;
    const std::uint8_t n = escaped[++i];
    if (n == kKissTfend) out.push_back(kKissFend);
    else if (n == kKissTfesc) out.push_back(kKissFesc);
    else return std::nullopt;
  }
  return out;
}

namespace {

constexpr std::size_t kNone = static_cast<std::size_t>(-1);

// Index of the next "C0 00" at or after `from`, or npos.
std::size_t findStart(ByteView bytes, std::size_t from) {
  for (std::size_t i = from; i + 1 < bytes.size(); ++i)
    if (bytes[i] == kKissFend && bytes[i + 1] == 0x00) return i;
  return kNone;
}

std::size_t findEnd(ByteView bytes, std::size_t from) {
  for (std::size_t i = from; i < bytes.size(); ++i)
    if (bytes[i] == kKissFend) return i;
  return kNone;
}

}  // namespace

std::variant<KissFrame, KissError> kissDecode(ByteView bytes) {
  std::size_t from = 0;
  bool sawStart = false;
  for (;;) {
    const std::size_t start = findStart(bytes, from);
    if (start == kNone)
      return KissError{sawStart ? "KISS frame end not found" : "KISS frame start not found"};
    sawStart = true;
    const std::size_t end = findEnd(bytes, start + 2);
    if (end == kNone) return KissError{"KISS frame end not found"};
    if (auto frame = kissUnescape(bytes.subspan(start + 2, end - start - 2))) {
      KissFrame f;
      f.frame = std::move(*frame);
      f.pre.assign(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(start));
      f.post.assign(bytes.begin() + static_cast<std::ptrdiff_t>(end) + 1, bytes.end());
      return f;
    }
    // Invalid escape: this frame is lost; its closing C0 may open the next.
    from = end;
  }
}

void KissStream::push(ByteView bytes) { buf_.insert(buf_.end(), bytes.begin(), bytes.end()); }

std::optional<Bytes> KissStream::next() {
  for (;;) {
    const std::size_t start = findStart(buf_, 0);
    if (start == kNone) {
      // Keep a trailing C0: it may be the start of "C0 00" split across reads.
      const std::size_t keep = (!buf_.empty() && buf_.back() == kKissFend) ? 1 : 0;
      dropped_ += buf_.size() - keep;
      buf_.erase(buf_.begin(), buf_.end() - static_cast<std::ptrdiff_t>(keep));
      return std::nullopt;
    }
    if (start > 0) {
      dropped_ += start;
      buf_.erase(buf_.begin(), buf_.begin() + static_cast<std::ptrdiff_t>(start));
    }
    const std::size_t end = findEnd(buf_, 2);
    if (end == kNone) {
      if (buf_.size() > maxFrame_ * 2 + 3) {  // escaped bytes take at most two each
        dropped_ += buf_.size();
        buf_.clear();
      }
      return std::nullopt;
    }
    auto frame = kissUnescape(ByteView(buf_).subspan(2, end - 2));
    // The closing C0 stays: it may be the FEND of the next frame.
    if (frame && frame->size() <= maxFrame_) {
      buf_.erase(buf_.begin(), buf_.begin() + static_cast<std::ptrdiff_t>(end));
      return frame;
    }
    dropped_ += end;
    buf_.erase(buf_.begin(), buf_.begin() + static_cast<std::ptrdiff_t>(end));
  }
}

}  // namespace kubos::comms
