// CommsService in process: telemetry, start/stop, separate read and write
// paths (docs/comms.md, "Telemetry", "Start and stop", "Forwarding").
#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/udp.hpp>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

#include "comms/service.h"

using namespace kubos::comms;
using boost::asio::ip::udp;

namespace {

// A radio in memory: the test pushes uplink packets, the service's writes are kept.
struct MockRadio {
  std::mutex mu;
  std::condition_variable cv;
  std::deque<Bytes> up;
  std::vector<Bytes> down;

  ReadFn reader() {
    return [this](std::chrono::milliseconds wait) -> std::optional<Bytes> {
      std::unique_lock lock(mu);
      if (!cv.wait_for(lock, wait, [this] { return !up.empty(); })) return std::nullopt;
      Bytes b = std::move(up.front());
      up.pop_front();
      return b;
    };
  }
  WriteFn writer() {
    return [this](ByteView b) {
      std::lock_guard lock(mu);
      down.emplace_back(b.begin(), b.end());
      cv.notify_all();
    };
  }
  void push(Bytes b) {
    std::lock_guard lock(mu);
    up.push_back(std::move(b));
    cv.notify_all();
  }
  bool waitDown(std::size_t n, std::chrono::milliseconds deadline) {
    std::unique_lock lock(mu);
    return cv.wait_for(lock, deadline, [&] { return down.size() >= n; });
  }
};

std::uint16_t freeUdpPort() {
  boost::asio::io_context ioc;
  udp::socket s(ioc, udp::endpoint(udp::v4(), 0));
  return s.local_endpoint().port();
}

CommsConfig config(std::optional<std::vector<std::uint16_t>> ports = std::nullopt) {
  CommsConfig c;
  c.ip = "127.0.0.1";
  c.timeoutMs = 300;
  c.downlinkPorts = std::move(ports);
  return c;
}

}  // namespace

TEST(CommsTelemetry, COMMS_22_counts_bounded_errors_with_time_and_reset) {
  CommsTelemetry t(3);
  t.packetUp();
  t.packetDown();
  for (int i = 0; i < 10; ++i) t.failedUp("bad " + std::to_string(i));
  t.failedDown("down");
  TelemetrySnapshot s = t.snapshot();
  EXPECT_EQ(s.packetsUp, 1U);
  EXPECT_EQ(s.packetsDown, 1U);
  EXPECT_EQ(s.failedPacketsUp, 10U);
  EXPECT_EQ(s.failedPacketsDown, 1U);
  ASSERT_EQ(s.errors.size(), 3U);
  EXPECT_EQ(s.errors.front().message, "bad 8");
  EXPECT_EQ(s.errors.back().message, "down");
  EXPECT_LE(std::chrono::system_clock::now() - s.errors.back().time, std::chrono::seconds(5));
  EXPECT_EQ(formatTime(std::chrono::system_clock::time_point(std::chrono::milliseconds(1'700'000'000'123))),
            "2023-11-14T22:13:20.123Z");
  t.reset();
  s = t.snapshot();
  EXPECT_EQ(s.packetsUp + s.packetsDown + s.failedPacketsUp + s.failedPacketsDown, 0U);
  EXPECT_TRUE(s.errors.empty());
}

TEST(CommsService, COMMS_23_stop_is_prompt_and_joins_everything) {
  MockRadio radio;
  auto telemetry = std::make_shared<CommsTelemetry>();
  const std::uint16_t port = freeUdpPort();
  auto comms = std::make_unique<CommsService>(
      CommsControlBlock::create(radio.reader(), {radio.writer()}, config(std::vector<std::uint16_t>{port})), telemetry);
  comms->start();
  // A request to a closed port still gets an answer (an errors reply).
  radio.push(SpacePacketCodec().build(Packet{42, PayloadType::GraphQL, 1, Bytes{'{', '}'}}));
  ASSERT_TRUE(radio.waitDown(1, std::chrono::seconds(5)));
  const auto t0 = std::chrono::steady_clock::now();
  comms.reset();  // stop() + destructor
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(1));
  // The endpoint's port is free again: its socket was closed.
  boost::asio::io_context ioc;
  EXPECT_NO_THROW(udp::socket(ioc, udp::endpoint(boost::asio::ip::make_address("127.0.0.1"), port)));
  auto r = SpacePacketCodec().parse(radio.down.at(0));
  ASSERT_TRUE(std::holds_alternative<Packet>(r));
  EXPECT_EQ(std::get<Packet>(r).commandId, 42U);
}

TEST(CommsService, COMMS_23_a_port_in_use_is_a_start_error) {
  boost::asio::io_context ioc;
  udp::socket holder(ioc, udp::endpoint(boost::asio::ip::make_address("127.0.0.1"), 0));
  const std::uint16_t port = holder.local_endpoint().port();
  MockRadio radio;
  CommsService comms(CommsControlBlock::create(radio.reader(), {radio.writer()}, config(std::vector<std::uint16_t>{port})),
                     nullptr);
  try {
    comms.start();
    FAIL() << "no error";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("cannot bind downlink endpoint 127.0.0.1:" + std::to_string(port)),
              std::string::npos)
        << e.what();
  }
}

TEST(CommsService, COMMS_25_a_blocking_read_never_delays_a_downlink) {
  MockRadio radio;
  std::atomic<int> reads{0};
  // A radio whose read blocks for its whole slice every time, as a real one does.
  ReadFn slow = [&](std::chrono::milliseconds wait) -> std::optional<Bytes> {
    ++reads;
    std::this_thread::sleep_for(wait);
    return std::nullopt;
  };
  const std::uint16_t port = freeUdpPort();
  CommsService comms(CommsControlBlock::create(slow, {radio.writer()}, config(std::vector<std::uint16_t>{port})),
                     std::make_shared<CommsTelemetry>());
  comms.start();
  boost::asio::io_context ioc;
  udp::socket s(ioc, udp::endpoint(udp::v4(), 0));
  // Let the reader get into a blocking read first.
  while (reads.load() == 0) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  const auto t0 = std::chrono::steady_clock::now();
  const Bytes data{5, 4, 3, 2};
  s.send_to(boost::asio::buffer(data), udp::endpoint(boost::asio::ip::make_address("127.0.0.1"), port));
  ASSERT_TRUE(radio.waitDown(1, std::chrono::seconds(5)));
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::milliseconds(50));  // well under a 100 ms read
  EXPECT_EQ(radio.down[0], (Bytes{0x00, 0x01, 0x00, 0x00, 0x00, 0x0E, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 5, 4, 3, 2}));
}

TEST(CommsService, COMMS_22_read_errors_are_counted_without_a_busy_loop) {
  MockRadio radio;
  std::atomic<int> calls{0};
  ReadFn broken = [&](std::chrono::milliseconds) -> std::optional<Bytes> {
    ++calls;
    throw std::runtime_error("uart gone");
  };
  auto telemetry = std::make_shared<CommsTelemetry>();
  {
    CommsService comms(CommsControlBlock::create(broken, {radio.writer()}, config()), telemetry);
    comms.start();
    std::this_thread::sleep_for(std::chrono::milliseconds(350));
  }
  EXPECT_LE(calls.load(), 6);  // backs off ~100 ms between tries
  auto s = telemetry->snapshot();
  EXPECT_GE(s.failedPacketsUp, 1U);
  EXPECT_EQ(s.errors.back().message, "radio read failed: uart gone");
}
