// The sim-eps-service model: the EPS device and its protocol, no GraphQL.
//
// EpsModel speaks the sim-eps protocol (lib/sim-eps/PROTOCOL.md) over a Transport. The real
// transport is a serial line (kubos::hal::SerialPort); unit tests put a mock device
// behind the same interface. Every device operation either returns a value
// or throws DeviceError with a message a person can act on; the model never
// aborts. Operations are serialised by a mutex (one transaction on the line at
// a time) and reconnect by themselves after the device went away.
#pragma once

#include <chrono>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>

#include "hal/serial.h"
#include "service/hardware.h"
#include "sim-eps/protocol.h"

namespace kubos::sim_eps_service {

using kubos::service::Bytes;
using kubos::service::hardware::PowerState;
using kubos::service::hardware::PowerStatus;

class DeviceError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A byte line to the device: the seam between the model and the hardware.
class Transport {
 public:
  virtual ~Transport() = default;
  virtual std::string describe() const = 0;  // e.g. "/dev/ttyS4"
  virtual bool isOpen() const = 0;
  virtual kubos::hal::IoResult open() = 0;  // (re)connects
  virtual void close() = 0;
  virtual void flush() = 0;  // discard stale input
  virtual kubos::hal::IoResult write(std::span<const std::uint8_t> data, kubos::hal::Clock::time_point deadline) = 0;
  virtual kubos::hal::IoResult readSome(std::span<std::uint8_t> out, kubos::hal::Clock::time_point deadline) = 0;
};

class SerialTransport : public Transport {
 public:
  SerialTransport(std::string path, unsigned baud) : port_(std::move(path), baud) {}
  std::string describe() const override { return port_.path(); }
  bool isOpen() const override { return port_.isOpen(); }
  kubos::hal::IoResult open() override { return port_.open(); }
  void close() override { port_.close(); }
  void flush() override { port_.flush(); }
  kubos::hal::IoResult write(std::span<const std::uint8_t> d, kubos::hal::Clock::time_point t) override { return port_.write(d, t); }
  kubos::hal::IoResult readSome(std::span<std::uint8_t> o, kubos::hal::Clock::time_point t) override { return port_.readSome(o, t); }

 private:
  kubos::hal::SerialPort port_;
};

// What the service reports as telemetry, in SI units.
struct EpsTelemetry {
  double batteryVoltage = 0;  // V
  double batteryCurrent = 0;  // A, positive: drawn from the battery
  double temperature = 0;     // degC
  std::int64_t uptime = 0;    // s
  PowerState powerState = PowerState::Off;
  std::int64_t resetCount = 0;
  std::int64_t batteryCharge = 0;  // %
};

class EpsModel {
 public:
  EpsModel(std::unique_ptr<Transport> transport, std::chrono::milliseconds timeout);

  // A real round trip: PING with a fresh nonce. True only when the echo comes
  // back intact; false when the device answered wrongly (NAK, wrong bytes).
  // Throws DeviceError when the device cannot be reached at all.
  bool noop();
  EpsTelemetry telemetry();
  PowerStatus power();
  // Switches the power outputs (ON/OFF) or resets the board, then reads back
  // the state the board reports.
  PowerStatus controlPower(PowerState target);
  // Raw passthrough to the board's console (lib/sim-eps/PROTOCOL.md, "RAW console"): 1..255 bytes in,
  // the board's answer out.
  Bytes commandRaw(const Bytes& command);

  std::string deviceName() const;
  std::chrono::milliseconds timeout() const { return timeout_; }

 private:
  // One command/reply exchange; reconnects once if the line was dead.
  kubos::sim_eps::Frame transact(std::uint8_t id, const Bytes& payload);
  struct Attempt {
    std::string error;       // empty: `reply` holds the device's answer
    bool reconnect = false;  // the line is dead: reopen and try again
    bool retry = false;      // line noise (bad checksum): try again once
  };
  Attempt attempt(std::uint8_t id, const Bytes& payload, kubos::sim_eps::Frame& reply);
  kubos::sim_eps::Frame expect(std::uint8_t id, const Bytes& payload, const char* what);

  std::unique_ptr<Transport> transport_;
  std::chrono::milliseconds timeout_;
  std::mutex mutex_;
  std::uint32_t nonce_ = 0;
};

}  // namespace kubos::sim_eps_service
