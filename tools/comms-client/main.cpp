// comms-client: the ground side of the link, for the lab and for scripts
// (docs/comms.md, "comms-client"). Sends one packet to the radio's uplink
// address and prints the payload of the reply with the same command id.
//
//   comms-client --uplink IP:PORT --listen IP:PORT --service-port N [--udp]
//                [--timeout-ms MS] [--command-id ID] PAYLOAD
//
// Exit 0: a reply was printed; 1: no reply in time (or a socket error); 2: a bad flag.
#include <poll.h>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <optional>
#include <random>
#include <string>

#include <CLI/CLI.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/udp.hpp>
#include <nlohmann/json.hpp>

#include "comms/packet.h"

namespace asio = boost::asio;
using asio::ip::udp;
namespace comms = kubos::comms;

namespace {

constexpr const char* kName = "comms-client";

// "1.2.3.4:80" or "[::1]:80"; nullopt when malformed.
std::optional<udp::endpoint> parseEndpoint(const std::string& text) {
  std::string host;
  std::string port;
  if (!text.empty() && text.front() == '[') {
    const auto close = text.find(']');
    if (close == std::string::npos || close + 1 >= text.size() || text[close + 1] != ':') return std::nullopt;
    host = text.substr(1, close - 1);
    port = text.substr(close + 2);
  } else {
    const auto colon = text.rfind(':');
    if (colon == std::string::npos) return std::nullopt;
    host = text.substr(0, colon);
    port = text.substr(colon + 1);
  }
  if (port.empty() || port.size() > 5 || port.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
  const unsigned long p = std::stoul(port);
  if (p == 0 || p > 65535) return std::nullopt;
  boost::system::error_code ec;
  auto addr = asio::ip::make_address(host, ec);
  if (ec) return std::nullopt;
  return udp::endpoint(addr, static_cast<unsigned short>(p));
}

std::string endpointValidator(const std::string& text) {
  return parseEndpoint(text) ? std::string() : "expected IP:PORT (e.g. 127.0.0.1:8081 or [::1]:8081), got \"" + text + "\"";
}

int fail(int code, const std::string& message) {
  std::cerr << kName << ": " << message << '\n';
  return code;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Sends one Space Packet to a comms service's radio and prints the reply's payload", kName};
  std::string uplinkText;
  std::string listenText;
  unsigned servicePort = 0;
  bool udpMode = false;
  unsigned timeoutMs = 5000;
  std::optional<std::uint64_t> commandIdOpt;
  std::string payload;
  app.add_option("--uplink", uplinkText, "The radio's uplink address, IP:PORT")->required()->check(CLI::Validator(endpointValidator, "IP:PORT"));
  app.add_option("--listen", listenText, "Where to wait for the reply, IP:PORT")->required()->check(CLI::Validator(endpointValidator, "IP:PORT"));
  app.add_option("--service-port", servicePort, "The on-board service's port (destination)")->required()->check(CLI::Range(1U, 65535U));
  app.add_flag("--udp", udpMode, "Send PAYLOAD as raw bytes (APID 1) instead of a GraphQL query");
  app.add_option("--timeout-ms", timeoutMs, "How long to wait for the reply, ms (default 5000)")->check(CLI::Range(1U, 3'600'000U));
  app.add_option("--command-id", commandIdOpt, "Command id (default: random, non-zero)");
  app.add_option("PAYLOAD", payload, "GraphQL document (or raw bytes with --udp)")->required();
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::string what = e.what();
    for (char& c : what)
      if (c == '\n') c = ' ';
    return fail(2, what + " (see --help)");
  }

  const udp::endpoint uplink = *parseEndpoint(uplinkText);
  const udp::endpoint listen = *parseEndpoint(listenText);
  std::uint64_t commandId = 0;
  if (commandIdOpt) {
    commandId = *commandIdOpt;
  } else {
    std::random_device rd;
    std::uniform_int_distribution<std::uint64_t> dist(1, UINT64_MAX);
    commandId = dist(rd);
  }

  // GraphQL goes as a request object, escaped by a JSON library.
  const std::string body = udpMode ? payload : nlohmann::json{{"query", payload}}.dump();
  const comms::SpacePacketCodec codec;
  comms::Bytes packet;
  try {
    packet = codec.build(comms::Packet{commandId, udpMode ? comms::PayloadType::Udp : comms::PayloadType::GraphQL,
                                       static_cast<std::uint16_t>(servicePort), comms::Bytes(body.begin(), body.end())});
  } catch (const std::length_error& e) {
    return fail(2, std::string("PAYLOAD: ") + e.what());
  }

  asio::io_context ioc;
  boost::system::error_code ec;
  udp::socket in(ioc);
  in.open(listen.protocol(), ec);
  if (!ec) in.bind(listen, ec);
  if (ec) return fail(1, "cannot listen on " + listenText + ": " + ec.message());
  udp::socket out(ioc);
  out.open(uplink.protocol(), ec);
  if (!ec) out.send_to(asio::buffer(packet), uplink, 0, ec);
  if (ec) return fail(1, "cannot send to " + uplinkText + ": " + ec.message());

  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeoutMs);
  comms::Bytes buffer(65536);
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) break;
    pollfd p{in.native_handle(), POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(left.count()) + 1) <= 0) continue;
    const std::size_t n = in.receive(asio::buffer(buffer), 0, ec);
    if (ec) continue;
    auto r = codec.parse(comms::ByteView(buffer.data(), n));
    const auto* reply = std::get_if<comms::Packet>(&r);
    if (!reply) continue;  // not a packet of ours: keep waiting
    const bool ours = reply->commandId == commandId ||
                      (udpMode && reply->commandId == 0 && reply->type == comms::PayloadType::Udp);
    if (!ours) continue;
    std::fwrite(reply->payload.data(), 1, reply->payload.size(), stdout);
    std::fputc('\n', stdout);
    return std::fflush(stdout) == 0 ? 0 : 1;
  }
  return fail(1, "no reply with command id " + std::to_string(commandId) + " on " + listenText + " within " +
                     std::to_string(timeoutMs) + " ms");
}
