#include "hal/serial.h"

#include <fcntl.h>
#include <poll.h>
#include <termios.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <utility>

namespace kubos::hal {

std::optional<unsigned> baudToSpeed(unsigned baud) {
  switch (baud) {
    case 1200: return B1200;
    case 2400: return B2400;
    case 4800: return B4800;
    case 9600: return B9600;
    case 19200: return B19200;
    case 38400: return B38400;
    case 57600: return B57600;
    case 115200: return B115200;
    case 230400: return B230400;
    case 460800: return B460800;
    case 500000: return B500000;
    case 576000: return B576000;
    case 921600: return B921600;
    case 1000000: return B1000000;
    case 1152000: return B1152000;
    case 1500000: return B1500000;
    case 2000000: return B2000000;
    case 2500000: return B2500000;
    case 3000000: return B3000000;
    case 3500000: return B3500000;
    case 4000000: return B4000000;
    default: return std::nullopt;
  }
}

SerialPort::~SerialPort() { close(); }

SerialPort::SerialPort(SerialPort&& other) noexcept
    : path_(std::move(other.path_)), baud_(other.baud_), fd_(std::exchange(other.fd_, -1)) {}

SerialPort& SerialPort::operator=(SerialPort&& other) noexcept {
  if (this != &other) {
    close();
    path_ = std::move(other.path_);
    baud_ = other.baud_;
    fd_ = std::exchange(other.fd_, -1);
  }
  return *this;
}

IoResult SerialPort::sysError(const char* what, int err) {
  IoResult r;
  // These errnos mean the device itself is gone or was never there; the
  // caller may retry later (replug), unlike a configuration error.
  const bool gone = err == EIO || err == ENXIO || err == ENODEV || err == ENOENT || err == EBADF ||
                    err == EPIPE;
  r.status = gone ? IoStatus::Disconnected : IoStatus::Error;
  r.message = std::string(what) + " " + path_ + ": " + std::strerror(err);
  return r;
}

IoResult SerialPort::open() {
  close();
  auto speed = baudToSpeed(baud_);
  if (!speed) {
    return {IoStatus::Error, 0, "unsupported baud rate " + std::to_string(baud_) + " for " + path_};
  }
  // Non-blocking: every wait goes through poll() with a deadline. No
  // controlling terminal: a hangup must not send us SIGHUP.
  int fd = ::open(path_.c_str(), O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) return sysError("cannot open", errno);
  termios tio{};
  if (tcgetattr(fd, &tio) != 0) {
    int err = errno;
    ::close(fd);
    IoResult r = sysError("not a serial device:", err);
    r.status = err == ENOTTY ? IoStatus::Error : r.status;
    return r;
  }
  cfmakeraw(&tio);
  tio.c_cflag &= ~static_cast<tcflag_t>(CSTOPB | PARENB | CRTSCTS | CSIZE);
  tio.c_cflag |= CS8 | CLOCAL | CREAD;
  tio.c_iflag &= ~static_cast<tcflag_t>(IXON | IXOFF | IXANY);
  // VMIN=1: with O_NONBLOCK an empty read then fails with EAGAIN instead of
  // returning 0, so 0 keeps meaning end of file (device gone).
  tio.c_cc[VMIN] = 1;
  tio.c_cc[VTIME] = 0;
  cfsetispeed(&tio, static_cast<speed_t>(*speed));
  cfsetospeed(&tio, static_cast<speed_t>(*speed));
  if (tcsetattr(fd, TCSANOW, &tio) != 0) {
    int err = errno;
    ::close(fd);
    return sysError("cannot configure", err);
  }
  fd_ = fd;
  flush();
  return {};
}

void SerialPort::close() {
  if (fd_ >= 0) {
    ::close(fd_);
    fd_ = -1;
  }
}

void SerialPort::flush() {
  if (fd_ >= 0) tcflush(fd_, TCIOFLUSH);
}

IoResult SerialPort::waitFor(short events, Clock::time_point deadline) {
  for (;;) {
    auto now = Clock::now();
    if (now >= deadline) return {IoStatus::Timeout, 0, "timeout on " + path_};
    auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - now).count();
    pollfd p{fd_, events, 0};
    int n = ::poll(&p, 1, static_cast<int>(std::min<long long>(left, 60'000)));
    if (n < 0) {
      if (errno == EINTR) continue;
      return sysError("poll failed on", errno);
    }
    if (n == 0) continue;  // re-check the deadline
    if (p.revents & (events)) return {};
    if (p.revents & POLLNVAL) return sysError("invalid descriptor for", EBADF);
    // POLLHUP / POLLERR without data: the other end is gone.
    if (p.revents & (POLLHUP | POLLERR)) return {IoStatus::Disconnected, 0, "device hung up: " + path_};
  }
}

IoResult SerialPort::write(std::span<const std::uint8_t> data, Clock::time_point deadline) {
  if (fd_ < 0) return {IoStatus::Disconnected, 0, "device not open: " + path_};
  std::size_t done = 0;
  while (done < data.size()) {
    ssize_t n = ::write(fd_, data.data() + done, data.size() - done);
    if (n > 0) {
      done += static_cast<std::size_t>(n);
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && errno != EAGAIN) {
      IoResult r = sysError("write failed on", errno);
      r.bytes = done;
      return r;
    }
    IoResult w = waitFor(POLLOUT, deadline);
    if (!w.ok()) {
      w.bytes = done;
      return w;
    }
  }
  return {IoStatus::Ok, done, {}};
}

IoResult SerialPort::readSome(std::span<std::uint8_t> out, Clock::time_point deadline) {
  if (fd_ < 0) return {IoStatus::Disconnected, 0, "device not open: " + path_};
  if (out.empty()) return {};
  for (;;) {
    ssize_t n = ::read(fd_, out.data(), out.size());
    if (n > 0) return {IoStatus::Ok, static_cast<std::size_t>(n), {}};
    if (n == 0) return {IoStatus::Disconnected, 0, "end of file on " + path_};
    if (errno == EINTR) continue;
    if (errno != EAGAIN) return sysError("read failed on", errno);
    IoResult w = waitFor(POLLIN, deadline);
    if (!w.ok()) return w;
  }
}

IoResult SerialPort::readExact(std::span<std::uint8_t> out, Clock::time_point deadline) {
  std::size_t done = 0;
  while (done < out.size()) {
    IoResult r = readSome(out.subspan(done), deadline);
    if (!r.ok()) {
      r.bytes = done;
      return r;
    }
    done += r.bytes;
  }
  return {IoStatus::Ok, done, {}};
}

}  // namespace kubos::hal
