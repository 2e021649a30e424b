// kubos::hal::SerialPort — a serial line (UART, USB-serial, pseudo-terminal) in raw
// 8N1 mode with explicit timeouts on every read and write.
//
// Nothing here blocks without a deadline and nothing throws: every call
// reports an IoResult whose status tells a timeout (device silent) from a
// disconnect (device gone: hangup, EOF, EIO), so a caller can decide to
// reconnect. Not thread-safe: one owner (e.g. a model behind a mutex).
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>

namespace kubos::hal {

enum class IoStatus : std::uint8_t {
  Ok,
  Timeout,       // the deadline passed before the transfer completed
  Disconnected,  // the device went away (hangup, EOF, EIO) or is not open
  Error,         // any other system error
};

struct IoResult {
  IoStatus status = IoStatus::Ok;
  std::size_t bytes = 0;  // bytes transferred before the call returned
  std::string message;    // empty when ok; otherwise a sentence naming the device
  bool ok() const { return status == IoStatus::Ok; }
};

using Clock = std::chrono::steady_clock;

// Maps a baud rate in bits/s (9600, 115200, ...) to the termios speed
// constant; nullopt when the platform has no such standard rate.
std::optional<unsigned> baudToSpeed(unsigned baud);

class SerialPort {
 public:
  SerialPort() = default;
  SerialPort(std::string path, unsigned baud) : path_(std::move(path)), baud_(baud) {}
  ~SerialPort();
  SerialPort(SerialPort&& other) noexcept;
  SerialPort& operator=(SerialPort&& other) noexcept;
  SerialPort(const SerialPort&) = delete;
  SerialPort& operator=(const SerialPort&) = delete;

  const std::string& path() const { return path_; }
  unsigned baud() const { return baud_; }
  bool isOpen() const { return fd_ >= 0; }
  int fd() const { return fd_; }

  // Opens the device (following symlinks), puts it in raw 8N1 mode at the
  // configured baud rate without flow control, and discards stale input.
  // An already open port is closed first, so this is also "reconnect".
  IoResult open();
  void close();

  // Writes all of `data` before `deadline`.
  IoResult write(std::span<const std::uint8_t> data, Clock::time_point deadline);
  IoResult write(std::span<const std::uint8_t> data, std::chrono::milliseconds timeout) {
    return write(data, Clock::now() + timeout);
  }
  // Reads exactly `out.size()` bytes before `deadline`. On a timeout,
  // `bytes` says how many arrived (they are in out[0..bytes)).
  IoResult readExact(std::span<std::uint8_t> out, Clock::time_point deadline);
  IoResult readExact(std::span<std::uint8_t> out, std::chrono::milliseconds timeout) {
    return readExact(out, Clock::now() + timeout);
  }
  // Reads whatever is available (at least one byte) before `deadline`.
  IoResult readSome(std::span<std::uint8_t> out, Clock::time_point deadline);

  // Discards unread input and unsent output (tcflush TCIOFLUSH).
  void flush();

 private:
  // Waits until the fd is ready for `events` or the deadline passes.
  IoResult waitFor(short events, Clock::time_point deadline);
  IoResult sysError(const char* what, int err);

  std::string path_;
  unsigned baud_ = 115200;
  int fd_ = -1;
};

}  // namespace kubos::hal
