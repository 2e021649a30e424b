#include "radio.h"

#include <poll.h>
#include <sys/socket.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace kubos::local_comms_service {

namespace asio = boost::asio;
using asio::ip::udp;

namespace {

// Larger than any UDP payload, so a datagram is never cut short.
constexpr std::size_t kDatagramMax = 65536;

asio::ip::address parseIp(const std::string& ip, const char* key) {
  boost::system::error_code ec;
  auto a = asio::ip::make_address(ip, ec);
  if (ec) throw std::invalid_argument(std::string(key) + ": \"" + ip + "\" is not an IP address (IPv4 or IPv6 literal)");
  return a;
}

}  // namespace

UdpRadio::UdpRadio(const RadioConfig& c) : socket_(ioc_), buffer_(kDatagramMax) {
  const auto listen = parseIp(c.listeningIp, "listening_ip");
  const auto gateway = parseIp(c.gatewayIp, "gateway_ip");
  if (listen.is_v4() != gateway.is_v4())
    throw std::invalid_argument("gateway_ip: " + c.gatewayIp + " and listening_ip " + c.listeningIp +
                             " must both be IPv4 or both IPv6 (packets go down from the listening socket)");
  gateway_ = udp::endpoint(gateway, c.gatewayPort);
  boost::system::error_code ec;
  socket_.open(listen.is_v4() ? udp::v4() : udp::v6(), ec);
  if (!ec) socket_.bind(udp::endpoint(listen, c.listeningPort), ec);
  if (ec)
    throw std::runtime_error("cannot listen for uplink on " + udp::endpoint(listen, c.listeningPort).address().to_string() +
                             ":" + std::to_string(c.listeningPort) + ": " + ec.message() + " (listening_ip/listening_port)");
}

std::optional<kubos::comms::Bytes> UdpRadio::read(std::chrono::milliseconds wait) {
  // Plain poll/recv on the descriptor: the kernel lets one thread receive
  // while others send on the same socket, so no lock is held while blocked.
  pollfd p{socket_.native_handle(), POLLIN, 0};
  const int r = ::poll(&p, 1, static_cast<int>(wait.count()));
  if (r < 0) {
    if (errno == EINTR) return std::nullopt;
    throw std::runtime_error(std::string("poll on the uplink socket failed: ") + std::strerror(errno));
  }
  if (r == 0) return std::nullopt;
  const ssize_t n = ::recv(socket_.native_handle(), buffer_.data(), buffer_.size(), MSG_DONTWAIT);
  if (n < 0) {
    if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) return std::nullopt;
    throw std::runtime_error(std::string("uplink receive failed: ") + std::strerror(errno));
  }
  return kubos::comms::Bytes(buffer_.begin(), buffer_.begin() + n);
}

void UdpRadio::write(kubos::comms::ByteView packet) {
  const ssize_t n = ::sendto(socket_.native_handle(), packet.data(), packet.size(), 0, gateway_.data(),
                             static_cast<socklen_t>(gateway_.size()));
  if (n < 0)
    throw std::runtime_error("send to gateway " + gateway_.address().to_string() + ":" +
                             std::to_string(gateway_.port()) + " failed: " + std::strerror(errno));
  if (static_cast<std::size_t>(n) != packet.size())
    throw std::runtime_error("short send to the gateway: " + std::to_string(n) + " of " + std::to_string(packet.size()) +
                             " bytes");
}

}  // namespace kubos::local_comms_service
