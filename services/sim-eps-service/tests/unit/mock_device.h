// A mock EPS behind the model's Transport interface: the simulator's board
// logic in memory, plus the faults a real line shows (silence, unplugging,
// corrupted or wrong replies).
#pragma once

#include <algorithm>
#include <deque>

#include "model.h"
#include "sim-eps/board.h"

namespace kubos::sim_eps_service::mock {

class MockDevice : public Transport {
 public:
  enum class Fault { None, Silent, Unplugged, CorruptNextReply, CorruptCommands, WrongEcho, GarbageFirst, HangUpNextRead,
                     GarbageOnly, Truncated };

  Fault fault = Fault::None;
  int opens = 0;
  int commands = 0;
  kubos::sim_eps::Board board{kubos::sim_eps::Board::Clock::now()};

  std::string describe() const override { return "/mock/eps"; }
  bool isOpen() const override { return open_; }
  kubos::hal::IoResult open() override {
    ++opens;
    if (fault == Fault::Unplugged) {
      return {kubos::hal::IoStatus::Disconnected, 0, "cannot open /mock/eps: No such file or directory"};
    }
    open_ = true;
    return {};
  }
  void close() override { open_ = false; }
  void flush() override { rx_.clear(); }
  kubos::hal::IoResult write(std::span<const std::uint8_t> data, kubos::hal::Clock::time_point) override {
    if (!open_) return {kubos::hal::IoStatus::Disconnected, 0, "not open"};
    if (fault == Fault::Unplugged) return {kubos::hal::IoStatus::Disconnected, 0, "write failed on /mock/eps: Input/output error"};
    for (auto b : data) {
      auto ev = decoder_.push(b);
      if (!ev) continue;
      ++commands;
      if (fault == Fault::CorruptCommands) ev->kind = kubos::sim_eps::FrameDecoder::Event::Kind::BadChecksum;
      if (fault == Fault::WrongEcho && ev->frame.id == kubos::sim_eps::kPing && !ev->frame.payload.empty()) {
        ev->frame.payload[0] ^= 0xFF;
      }
      kubos::sim_eps::Bytes reply = board.handle(*ev, kubos::sim_eps::Board::Clock::now());
      if (fault == Fault::Silent) continue;
      if (fault == Fault::CorruptNextReply) {
        reply.back() ^= 0x5A;
        fault = Fault::None;
      }
      if (fault == Fault::GarbageFirst) rx_.insert(rx_.end(), {0x00, 0xEB, 0x13, 0x37});
      if (fault == Fault::GarbageOnly) std::fill(reply.begin(), reply.end(), std::uint8_t{'?'});  // no sync byte
      if (fault == Fault::Truncated) reply.resize(reply.size() / 2);
      rx_.insert(rx_.end(), reply.begin(), reply.end());
    }
    return {kubos::hal::IoStatus::Ok, data.size(), {}};
  }
  kubos::hal::IoResult readSome(std::span<std::uint8_t> out, kubos::hal::Clock::time_point) override {
    if (!open_) return {kubos::hal::IoStatus::Disconnected, 0, "not open"};
    if (fault == Fault::HangUpNextRead || fault == Fault::Unplugged) {
      if (fault == Fault::HangUpNextRead) fault = Fault::None;
      return {kubos::hal::IoStatus::Disconnected, 0, "device hung up: /mock/eps"};
    }
    if (rx_.empty()) return {kubos::hal::IoStatus::Timeout, 0, "timeout on /mock/eps"};
    std::size_t n = 0;
    while (n < out.size() && !rx_.empty()) {
      out[n++] = rx_.front();
      rx_.pop_front();
    }
    return {kubos::hal::IoStatus::Ok, n, {}};
  }

 private:
  bool open_ = false;
  kubos::sim_eps::FrameDecoder decoder_;
  std::deque<std::uint8_t> rx_;
};

}  // namespace kubos::sim_eps_service::mock
