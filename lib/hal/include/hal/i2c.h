// kubos::hal::I2cDevice — one slave on a Linux i2c-dev bus (/dev/i2c-N).
//
// Plain write, read, and a combined write-then-read transfer (one I2C_RDWR
// ioctl with a repeated start, as register reads need). Errors come back as
// kubos::hal::IoResult, never as exceptions or aborts.
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "hal/serial.h"  // IoResult, IoStatus

namespace kubos::hal {

class I2cDevice {
 public:
  I2cDevice() = default;
  I2cDevice(std::string bus, std::uint16_t address) : bus_(std::move(bus)), address_(address) {}
  ~I2cDevice();
  I2cDevice(I2cDevice&& other) noexcept;
  I2cDevice& operator=(I2cDevice&& other) noexcept;
  I2cDevice(const I2cDevice&) = delete;
  I2cDevice& operator=(const I2cDevice&) = delete;

  const std::string& bus() const { return bus_; }
  std::uint16_t address() const { return address_; }
  bool isOpen() const { return fd_ >= 0; }

  // 7-bit addresses 0x03..0x77 are the ones a slave may use (the others are
  // reserved by the I2C specification).
  static bool validAddress(std::uint16_t address) { return address >= 0x03 && address <= 0x77; }

  // Opens the bus and selects the slave; closes first if already open.
  IoResult open();
  void close();

  IoResult write(std::span<const std::uint8_t> data);
  IoResult read(std::span<std::uint8_t> out);
  // Write then read with a repeated start (no stop in between).
  IoResult transfer(std::span<const std::uint8_t> command, std::span<std::uint8_t> response);

 private:
  IoResult sysError(const char* what, int err) const;
  std::string bus_;
  std::uint16_t address_ = 0;
  int fd_ = -1;
};

}  // namespace kubos::hal
