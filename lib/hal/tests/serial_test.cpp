// Requirements HAL-1..HAL-6 (lib/hal/README.md): the serial line helper
// against a real pseudo-terminal pair.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>

#include <array>
#include <chrono>
#include <string>
#include <vector>

#include "hal/i2c.h"
#include "hal/serial.h"

using namespace std::chrono_literals;

namespace {

// The device side of a pseudo-terminal: the test plays the device.
struct Pty {
  int master = -1;
  std::string slave;
  Pty() {
    master = posix_openpt(O_RDWR | O_NOCTTY);
    if (master < 0 || grantpt(master) != 0 || unlockpt(master) != 0) return;
    slave = ptsname(master);
  }
  ~Pty() {
    if (master >= 0) ::close(master);
  }
  void closeMaster() {
    ::close(master);
    master = -1;
  }
  void send(const std::vector<std::uint8_t>& b) const { ASSERT_EQ(::write(master, b.data(), b.size()), (ssize_t)b.size()); }
};

TEST(SerialPort, HAL_1_OpensPtyInRawModeAndReadsExactBytes) {
  Pty pty;
  ASSERT_FALSE(pty.slave.empty());
  kubos::hal::SerialPort port(pty.slave, 115200);
  ASSERT_TRUE(port.open().ok());
  // Bytes that a cooked tty would translate or swallow (CR, ^C, ^D, 0xFF)
  // must arrive unchanged in raw mode.
  pty.send({0x0d, 0x03, 0x04, 0xff, 0x0a});
  std::array<std::uint8_t, 5> buf{};
  auto r = port.readExact(buf, 500ms);
  ASSERT_TRUE(r.ok()) << r.message;
  EXPECT_EQ(buf, (std::array<std::uint8_t, 5>{0x0d, 0x03, 0x04, 0xff, 0x0a}));
}

TEST(SerialPort, HAL_1_WritesReachTheDeviceUnchanged) {
  Pty pty;
  kubos::hal::SerialPort port(pty.slave, 9600);
  ASSERT_TRUE(port.open().ok());
  std::vector<std::uint8_t> out{0x0a, 0x11, 0x13, 0x7f};
  ASSERT_TRUE(port.write(out, 500ms).ok());
  std::array<std::uint8_t, 4> got{};
  ssize_t n = 0;
  for (int i = 0; i < 50 && n < 4; ++i) {
    ssize_t k = ::read(pty.master, got.data() + n, got.size() - static_cast<std::size_t>(n));
    if (k > 0) n += k; else usleep(10'000);
  }
  ASSERT_EQ(n, 4);
  EXPECT_EQ(std::vector<std::uint8_t>(got.begin(), got.end()), out);
}

TEST(SerialPort, HAL_2_ReadTimesOutWithPartialCount) {
  Pty pty;
  kubos::hal::SerialPort port(pty.slave, 115200);
  ASSERT_TRUE(port.open().ok());
  pty.send({1, 2});
  std::array<std::uint8_t, 4> buf{};
  auto t0 = kubos::hal::Clock::now();
  auto r = port.readExact(buf, 100ms);
  auto took = kubos::hal::Clock::now() - t0;
  EXPECT_EQ(r.status, kubos::hal::IoStatus::Timeout);
  EXPECT_EQ(r.bytes, 2u);
  EXPECT_GE(took, 95ms);
  EXPECT_LT(took, 1000ms);
}

TEST(SerialPort, HAL_3_FlushDiscardsStaleInput) {
  Pty pty;
  kubos::hal::SerialPort port(pty.slave, 115200);
  ASSERT_TRUE(port.open().ok());
  pty.send({9, 9, 9});
  usleep(20'000);
  port.flush();
  pty.send({7});
  std::array<std::uint8_t, 1> buf{};
  ASSERT_TRUE(port.readExact(buf, 500ms).ok());
  EXPECT_EQ(buf[0], 7);
}

TEST(SerialPort, HAL_4_DeviceGoneIsDisconnectedNotTimeout) {
  Pty pty;
  kubos::hal::SerialPort port(pty.slave, 115200);
  ASSERT_TRUE(port.open().ok());
  pty.closeMaster();
  std::array<std::uint8_t, 1> buf{};
  auto r = port.readExact(buf, 500ms);
  EXPECT_EQ(r.status, kubos::hal::IoStatus::Disconnected) << r.message;
  EXPECT_FALSE(r.message.empty());
}

TEST(SerialPort, HAL_5_ReconnectAfterReplug) {
  auto dir = std::string(::testing::TempDir()) + "/halXXXXXX";
  ASSERT_NE(mkdtemp(dir.data()), nullptr);
  std::string link = dir + "/tty";
  kubos::hal::SerialPort port(link, 115200);
  auto r = port.open();
  EXPECT_EQ(r.status, kubos::hal::IoStatus::Disconnected);
  EXPECT_NE(r.message.find(link), std::string::npos) << r.message;
  {
    Pty pty;
    ASSERT_EQ(symlink(pty.slave.c_str(), link.c_str()), 0);
    ASSERT_TRUE(port.open().ok());
    pty.send({42});
    std::array<std::uint8_t, 1> buf{};
    ASSERT_TRUE(port.readExact(buf, 500ms).ok());
    EXPECT_EQ(buf[0], 42);
    unlink(link.c_str());
  }
  Pty again;
  ASSERT_EQ(symlink(again.slave.c_str(), link.c_str()), 0);
  ASSERT_TRUE(port.open().ok());  // reopen replaces the dead descriptor
  again.send({43});
  std::array<std::uint8_t, 1> buf{};
  ASSERT_TRUE(port.readExact(buf, 500ms).ok());
  EXPECT_EQ(buf[0], 43);
  unlink(link.c_str());
  rmdir(dir.c_str());
}

TEST(SerialPort, HAL_6_BadConfigurationIsAClearError) {
  kubos::hal::SerialPort notTty("/dev/null", 115200);
  auto r = notTty.open();
  EXPECT_EQ(r.status, kubos::hal::IoStatus::Error);
  EXPECT_NE(r.message.find("/dev/null"), std::string::npos);
  EXPECT_FALSE(notTty.isOpen());

  Pty pty;
  kubos::hal::SerialPort badBaud(pty.slave, 12345);
  r = badBaud.open();
  EXPECT_EQ(r.status, kubos::hal::IoStatus::Error);
  EXPECT_NE(r.message.find("12345"), std::string::npos);

  kubos::hal::SerialPort closed;
  std::array<std::uint8_t, 1> buf{};
  EXPECT_EQ(closed.readExact(buf, 10ms).status, kubos::hal::IoStatus::Disconnected);
  EXPECT_EQ(closed.write(buf, 10ms).status, kubos::hal::IoStatus::Disconnected);
}

TEST(I2cDevice, HAL_7_AddressAndMissingBusAreClearErrors) {
  kubos::hal::I2cDevice reserved("/dev/i2c-1", 0x78);
  auto r = reserved.open();
  EXPECT_EQ(r.status, kubos::hal::IoStatus::Error);
  EXPECT_NE(r.message.find("0x78"), std::string::npos);

  kubos::hal::I2cDevice missing("/nonexistent/i2c-9", 0x2b);
  r = missing.open();
  EXPECT_EQ(r.status, kubos::hal::IoStatus::Disconnected);
  EXPECT_NE(r.message.find("/nonexistent/i2c-9"), std::string::npos);
  EXPECT_NE(r.message.find("0x2b"), std::string::npos);
  std::array<std::uint8_t, 2> buf{};
  EXPECT_EQ(missing.transfer(buf, buf).status, kubos::hal::IoStatus::Disconnected);
}

}  // namespace
