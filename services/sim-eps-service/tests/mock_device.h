// A mock EPS behind the model's Transport interface: the simulator's board
// logic in memory, plus the faults a real line shows (silence, unplugging,
// corrupted or wrong replies).
#pragma once

#include <deque>

#include "../model.h"
#include "board.h"

namespace simeps_service::mock {

class MockDevice : public Transport {
 public:
  enum class Fault { None, Silent, Unplugged, CorruptNextReply, CorruptCommands, WrongEcho, GarbageFirst, HangUpNextRead };

  Fault fault = Fault::None;
  int opens = 0;
  int commands = 0;
  simeps::Board board{simeps::Board::Clock::now()};

  std::string describe() const override { return "/mock/eps"; }
  bool isOpen() const override { return open_; }
  hal::IoResult open() override {
    ++opens;
    if (fault == Fault::Unplugged) {
      return {hal::IoStatus::Disconnected, 0, "cannot open /mock/eps: No such file or directory"};
    }
    open_ = true;
    return {};
  }
  void close() override { open_ = false; }
  void flush() override { rx_.clear(); }
  hal::IoResult write(std::span<const std::uint8_t> data, hal::Clock::time_point) override {
    if (!open_) return {hal::IoStatus::Disconnected, 0, "not open"};
    if (fault == Fault::Unplugged) return {hal::IoStatus::Disconnected, 0, "write failed on /mock/eps: Input/output error"};
    for (auto b : data) {
      auto ev = decoder_.push(b);
      if (!ev) continue;
      ++commands;
      if (fault == Fault::CorruptCommands) ev->kind = simeps::FrameDecoder::Event::Kind::BadChecksum;
      if (fault == Fault::WrongEcho && ev->frame.id == simeps::kPing && !ev->frame.payload.empty()) {
        ev->frame.payload[0] ^= 0xFF;
      }
      simeps::Bytes reply = board.handle(*ev, simeps::Board::Clock::now());
      if (fault == Fault::Silent) continue;
      if (fault == Fault::CorruptNextReply) {
        reply.back() ^= 0x5A;
        fault = Fault::None;
      }
      if (fault == Fault::GarbageFirst) rx_.insert(rx_.end(), {0x00, 0xEB, 0x13, 0x37});
      rx_.insert(rx_.end(), reply.begin(), reply.end());
    }
    return {hal::IoStatus::Ok, data.size(), {}};
  }
  hal::IoResult readSome(std::span<std::uint8_t> out, hal::Clock::time_point) override {
    if (!open_) return {hal::IoStatus::Disconnected, 0, "not open"};
    if (fault == Fault::HangUpNextRead || fault == Fault::Unplugged) {
      if (fault == Fault::HangUpNextRead) fault = Fault::None;
      return {hal::IoStatus::Disconnected, 0, "device hung up: /mock/eps"};
    }
    if (rx_.empty()) return {hal::IoStatus::Timeout, 0, "timeout on /mock/eps"};
    std::size_t n = 0;
    while (n < out.size() && !rx_.empty()) {
      out[n++] = rx_.front();
      rx_.pop_front();
    }
    return {hal::IoStatus::Ok, n, {}};
  }

 private:
  bool open_ = false;
  simeps::FrameDecoder decoder_;
  std::deque<std::uint8_t> rx_;
};

}  // namespace simeps_service::mock
