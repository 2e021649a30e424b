// comms-bench: what the link costs (docs/comms.md). Serial round trips of a
// GraphQL {ping} to a service three ways, over the same loopback:
//   udp-echo  a raw UDP datagram to an echo thread in this process and back
//   http      a direct HTTP POST {ping} to the service (new connection each,
//             as the link's handler makes one)
//   link      a Space Packet to local-comms-service, which POSTs it and sends
//             the answer down to us (comms-client's path)
// Prints round trips/s and the median latency of each, the ratios, and the
// latency the link adds at the median.
//
//   comms-bench --uplink PORT --gateway PORT --service PORT [--seconds S]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include <CLI/CLI.hpp>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "comms/packet.h"

namespace asio = boost::asio;
namespace http = boost::beast::http;
using asio::ip::tcp;
using asio::ip::udp;
using Clock = std::chrono::steady_clock;

namespace {

const std::string kBody = R"({"query":"{ping}"})";

struct Result {
  double perSecond = 0;
  double medianUs = 0;
};

// Runs `once` for `seconds` after a short warm-up; false from once() aborts.
Result measure(double seconds, const std::function<bool()>& once) {
  for (int i = 0; i < 50; ++i)
    if (!once()) throw std::runtime_error("warm-up round trip failed");
  std::vector<double> us;
  const auto end = Clock::now() + std::chrono::duration<double>(seconds);
  const auto t0 = Clock::now();
  while (Clock::now() < end) {
    const auto a = Clock::now();
    if (!once()) throw std::runtime_error("round trip failed");
    us.push_back(std::chrono::duration<double, std::micro>(Clock::now() - a).count());
  }
  const double total = std::chrono::duration<double>(Clock::now() - t0).count();
  std::nth_element(us.begin(), us.begin() + static_cast<std::ptrdiff_t>(us.size() / 2), us.end());
  return {static_cast<double>(us.size()) / total, us[us.size() / 2]};
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Round trips through the comms link against raw UDP and direct HTTP", "comms-bench"};
  unsigned uplink = 0;
  unsigned gateway = 0;
  unsigned service = 0;
  double seconds = 2;
  app.add_option("--uplink", uplink, "local-comms-service's listening_port")->required();
  app.add_option("--gateway", gateway, "its gateway_port (bound here)")->required();
  app.add_option("--service", service, "the GraphQL service's port")->required();
  app.add_option("--seconds", seconds, "per measurement");
  CLI11_PARSE(app, argc, argv);

  asio::io_context ioc;
  const auto lo = asio::ip::make_address("127.0.0.1");
  try {
    // 1. Raw UDP echo: the floor any datagram link pays on this machine.
    udp::socket echo(ioc, udp::endpoint(lo, 0));
    std::thread echoer([&echo] {
      std::vector<char> buf(65536);
      udp::endpoint from;
      boost::system::error_code ec;
      for (;;) {
        const std::size_t n = echo.receive_from(asio::buffer(buf), from, 0, ec);
        if (ec || (n == 4 && std::string(buf.data(), 4) == "quit")) return;
        echo.send_to(asio::buffer(buf.data(), n), from, 0, ec);
      }
    });
    udp::socket client(ioc, udp::endpoint(lo, 0));
    std::vector<char> in(65536);
    const Result raw = measure(seconds, [&] {
      client.send_to(asio::buffer(kBody), echo.local_endpoint());
      return client.receive(asio::buffer(in)) == kBody.size();
    });
    client.send_to(asio::buffer(std::string("quit")), echo.local_endpoint());
    echoer.join();

    // 2. Direct HTTP, one connection per request (the link's handler does the same).
    const tcp::endpoint svc(lo, static_cast<unsigned short>(service));
    const Result direct = measure(seconds, [&] {
      tcp::socket s(ioc);
      s.connect(svc);
      http::request<http::string_body> req{http::verb::post, "/", 11};
      req.set(http::field::host, "127.0.0.1");
      req.set(http::field::content_type, "application/json");
      req.set(http::field::connection, "close");
      req.body() = kBody;
      req.prepare_payload();
      http::write(s, req);
      boost::beast::flat_buffer b;
      http::response<http::string_body> res;
      http::read(s, b, res);
      return res.body() == R"({"data":{"ping":"pong"}})";
    });

    // 3. Through the link.
    const kubos::comms::SpacePacketCodec codec;
    udp::socket ground(ioc, udp::endpoint(lo, static_cast<unsigned short>(gateway)));
    std::uint64_t id = 0;
    const udp::endpoint up(lo, static_cast<unsigned short>(uplink));
    const Result link = measure(seconds, [&] {
      ++id;
      ground.send_to(asio::buffer(codec.build({id, kubos::comms::PayloadType::GraphQL,
                                               static_cast<std::uint16_t>(service),
                                               kubos::comms::Bytes(kBody.begin(), kBody.end())})),
                     up);
      const std::size_t n = ground.receive(asio::buffer(in));
      auto r = codec.parse(kubos::comms::ByteView(reinterpret_cast<const std::uint8_t*>(in.data()), n));
      const auto* p = std::get_if<kubos::comms::Packet>(&r);
      return p && p->commandId == id;
    });

    std::printf("%-34s %12s %14s\n", "path ({ping}, serial round trips)", "per second", "median (us)");
    std::printf("%-34s %12.0f %14.1f\n", "raw UDP echo", raw.perSecond, raw.medianUs);
    std::printf("%-34s %12.0f %14.1f\n", "direct HTTP (new connection)", direct.perSecond, direct.medianUs);
    std::printf("%-34s %12.0f %14.1f\n", "through local-comms-service", link.perSecond, link.medianUs);
    std::printf("link / raw UDP: %.3f   link / direct HTTP: %.3f\n", link.perSecond / raw.perSecond,
                link.perSecond / direct.perSecond);
    // The link is two hops (ground -> radio, radio -> ground) plus the HTTP hop it makes itself.
    const double added = link.medianUs - direct.medianUs;
    std::printf("added by the link at the median: %.1f us per round trip (%.1f us per UDP hop; target <= 300 us): %s\n",
                added, added / 2, added <= 300 ? "met" : "BELOW TARGET");
  } catch (const std::exception& e) {
    std::fprintf(stderr, "comms-bench: %s\n", e.what());
    return 1;
  }
  return 0;
}
