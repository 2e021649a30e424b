// The UDP "radio" of local-comms-service: one datagram is one packet, both
// ways (docs/comms.md, "local-comms-service"). No GraphQL here.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/udp.hpp>

#include "comms/packet.h"

namespace kubos::local_comms_service {

struct RadioConfig {
  std::string listeningIp;
  std::uint16_t listeningPort = 0;
  std::string gatewayIp;
  std::uint16_t gatewayPort = 0;
};

class UdpRadio {
 public:
  // Binds listening_ip:listening_port. Throws std::invalid_argument
  // "<key>: <problem>" for a bad address, std::runtime_error naming the
  // address when it cannot bind.
  explicit UdpRadio(const RadioConfig& config);

  // One datagram, waiting at most `wait`; nullopt if none came. Thread-safe
  // against write(): the two never share a lock.
  std::optional<kubos::comms::Bytes> read(std::chrono::milliseconds wait);
  // One datagram to the gateway, from the listening socket. Throws on failure.
  void write(kubos::comms::ByteView packet);

  std::uint16_t localPort() const { return socket_.local_endpoint().port(); }

 private:
  boost::asio::io_context ioc_;  // owns nothing but the socket's service
  boost::asio::ip::udp::socket socket_;
  boost::asio::ip::udp::endpoint gateway_;
  kubos::comms::Bytes buffer_;   // read() only: one reader thread
};

}  // namespace kubos::local_comms_service
