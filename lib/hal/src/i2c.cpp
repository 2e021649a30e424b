#include "hal/i2c.h"

#include <fcntl.h>
#include <linux/i2c-dev.h>
#include <linux/i2c.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <utility>

namespace kubos::hal {

namespace {
std::string hexAddress(std::uint16_t a) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "0x%02x", a);
  return buf;
}
}  // namespace

I2cDevice::~I2cDevice() { close(); }

I2cDevice::I2cDevice(I2cDevice&& other) noexcept
    : bus_(std::move(other.bus_)), address_(other.address_), fd_(std::exchange(other.fd_, -1)) {}

I2cDevice& I2cDevice::operator=(I2cDevice&& other) noexcept {
  if (this != &other) {
    close();
    bus_ = std::move(other.bus_);
    address_ = other.address_;
    fd_ = std::exchange(other.fd_, -1);
  }
  return *this;
}

IoResult I2cDevice::sysError(const char* what, int err) const {
  const bool gone = err == ENOENT || err == ENODEV || err == ENXIO || err == EIO || err == EREMOTEIO;
  return {gone ? IoStatus::Disconnected : IoStatus::Error, 0,
          std::string(what) + " " + bus_ + " (slave " + hexAddress(address_) + "): " + std::strerror(err)};
}

IoResult I2cDevice::open() {
  close();
  if (!validAddress(address_)) {
    return {IoStatus::Error, 0,
            "invalid I2C slave address " + hexAddress(address_) + " for " + bus_ + " (valid: 0x03..0x77)"};
  }
  int fd = ::open(bus_.c_str(), O_RDWR | O_CLOEXEC);
  if (fd < 0) return sysError("cannot open", errno);
  if (::ioctl(fd, I2C_SLAVE, static_cast<unsigned long>(address_)) < 0) {
    int err = errno;
    ::close(fd);
    return sysError("cannot select slave on", err);
  }
  fd_ = fd;
  return {};
}

void I2cDevice::close() {
  if (fd_ >= 0) {
    ::close(fd_);
    fd_ = -1;
  }
}

IoResult I2cDevice::write(std::span<const std::uint8_t> data) {
  if (fd_ < 0) return {IoStatus::Disconnected, 0, "I2C bus not open: " + bus_};
  ssize_t n = ::write(fd_, data.data(), data.size());
  if (n < 0) return sysError("write failed on", errno);
  if (static_cast<std::size_t>(n) != data.size()) {
    return {IoStatus::Error, static_cast<std::size_t>(n), "short write on " + bus_};
  }
  return {IoStatus::Ok, data.size(), {}};
}

IoResult I2cDevice::read(std::span<std::uint8_t> out) {
  if (fd_ < 0) return {IoStatus::Disconnected, 0, "I2C bus not open: " + bus_};
  ssize_t n = ::read(fd_, out.data(), out.size());
  if (n < 0) return sysError("read failed on", errno);
  if (static_cast<std::size_t>(n) != out.size()) {
    return {IoStatus::Error, static_cast<std::size_t>(n), "short read on " + bus_};
  }
  return {IoStatus::Ok, out.size(), {}};
}

IoResult I2cDevice::transfer(std::span<const std::uint8_t> command, std::span<std::uint8_t> response) {
  if (fd_ < 0) return {IoStatus::Disconnected, 0, "I2C bus not open: " + bus_};
  // i2c_msg lengths are 16-bit.
  if (command.size() > 0xFFFF || response.size() > 0xFFFF) {
    return {IoStatus::Error, 0, "I2C transfer too long for " + bus_};
  }
  i2c_msg msgs[2]{};
  msgs[0].addr = address_;
  msgs[0].flags = 0;
  msgs[0].len = static_cast<__u16>(command.size());
  msgs[0].buf = const_cast<__u8*>(command.data());  // the kernel only reads a write message
  msgs[1].addr = address_;
  msgs[1].flags = I2C_M_RD;
  msgs[1].len = static_cast<__u16>(response.size());
  msgs[1].buf = response.data();
  i2c_rdwr_ioctl_data data{msgs, 2};
  if (::ioctl(fd_, I2C_RDWR, &data) < 0) return sysError("transfer failed on", errno);
  return {IoStatus::Ok, response.size(), {}};
}

}  // namespace kubos::hal
