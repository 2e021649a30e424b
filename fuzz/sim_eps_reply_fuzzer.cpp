// libFuzzer target: sim-eps-service's side of lib/sim-eps/PROTOCOL.md. The
// fuzzer's bytes are what the device sends back: EpsModel (the service's
// model) runs its operations against a transport that answers each read
// with the next few input bytes and times out when they run out. Whatever
// the device sends, an operation returns a value or throws DeviceError with
// a one-line message; nothing else escapes, nothing crashes or hangs.
#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <span>
#include <string>

#include "model.h"

namespace {

using namespace kubos::sim_eps_service;
namespace hal = kubos::hal;

class FuzzDevice : public Transport {
 public:
  FuzzDevice(const std::uint8_t* data, std::size_t size, std::size_t chunk) : rest_(data, size), chunk_(chunk) {}
  std::string describe() const override { return "fuzz-device"; }
  bool isOpen() const override { return open_; }
  hal::IoResult open() override {
    open_ = true;
    return {};
  }
  void close() override { open_ = false; }
  void flush() override {}
  hal::IoResult write(std::span<const std::uint8_t> d, hal::Clock::time_point) override {
    return {hal::IoStatus::Ok, d.size(), {}};
  }
  hal::IoResult readSome(std::span<std::uint8_t> out, hal::Clock::time_point) override {
    if (rest_.empty()) return {hal::IoStatus::Timeout, 0, "fuzz-device: no more bytes"};
    const std::size_t n = std::min({out.size(), rest_.size(), chunk_});
    std::copy_n(rest_.begin(), n, out.begin());
    rest_ = rest_.subspan(n);
    return {hal::IoStatus::Ok, n, {}};
  }
  bool exhausted() const { return rest_.empty(); }

 private:
  std::span<const std::uint8_t> rest_;
  std::size_t chunk_;
  bool open_ = true;
};

void checkMessage(const std::string& m) {
  if (m.empty() || m.find('\n') != std::string::npos) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 2) return 0;
  // Byte 0: which operations run, in order; byte 1: bytes per read (1..64).
  const std::uint8_t ops = data[0];
  auto device = std::make_unique<FuzzDevice>(data + 2, size - 2, std::size_t{1} + data[1] % 64);
  FuzzDevice* dev = device.get();
  EpsModel model(std::move(device), std::chrono::milliseconds(1));
  for (int i = 0; i < 16 && !dev->exhausted(); ++i) {
    try {
      switch ((ops >> ((i % 4) * 2 + i / 4)) % 8) {
        case 0: (void)model.noop(); break;
        case 1: (void)model.telemetry(); break;
        case 2: (void)model.power(); break;
        case 3: (void)model.controlPower(PowerState::Off); break;
        case 4: (void)model.controlPower(PowerState::On); break;
        case 5: (void)model.controlPower(PowerState::Reset); break;
        case 6: (void)model.commandRaw(Bytes{'S', 'T', 'A', 'T', 'U', 'S'}); break;
        default: (void)model.commandRaw(Bytes{0x01, 0x00, 0x10, 0x08}); break;
      }
    } catch (const DeviceError& e) {
      checkMessage(e.what());
    }
  }
  return 0;
}
