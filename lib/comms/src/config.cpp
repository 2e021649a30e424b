#include "comms/config.h"

#include <algorithm>
#include <set>

#include <boost/asio/ip/address.hpp>

#include "service/config.h"

namespace kubos::comms {

namespace {

void checkIp(const std::string& ip, const std::string& where) {
  boost::system::error_code ec;
  (void)boost::asio::ip::make_address(ip, ec);
  if (ec) throw CommsConfigError(where + ": \"" + ip + "\" is not an IP address (IPv4 or IPv6 literal)");
}

std::string plural(std::size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

}  // namespace

CommsConfig CommsConfig::fromTable(const kubos::service::ConfigTable& t) {
  CommsConfig c;
  try {
    auto ip = t.optString("ip");
    if (!ip) t.fail("ip", "missing (required: the address of the services packets are forwarded to)");
    c.ip = *ip;
    c.maxNumHandlers = static_cast<std::uint16_t>(t.getInt("max_num_handlers", kDefaultMaxHandlers, 1, 65535));
    c.timeoutMs = static_cast<std::uint32_t>(t.getInt("timeout", kDefaultTimeoutMs, 1, 3'600'000));
    if (t.has("downlink_ports")) {
      std::vector<std::uint16_t> ports;
      std::set<std::uint16_t> seen;
      for (auto p : t.getIntList("downlink_ports", {}, 1, 65535)) {
        const auto port = static_cast<std::uint16_t>(p);
        if (!seen.insert(port).second) t.fail("downlink_ports", "port " + std::to_string(port) + " is listed twice");
        ports.push_back(port);
      }
      c.downlinkPorts = std::move(ports);
    }
  } catch (const kubos::service::ConfigError& e) {
    throw CommsConfigError(e.what());
  }
  std::string where = t.file() + ": " + t.keyPath("ip");
  checkIp(c.ip, where);
  return c;
}

CommsConfig CommsConfig::fromServiceTable(const kubos::service::ConfigTable& service) {
  std::optional<kubos::service::ConfigTable> comms;
  try {
    comms = service.table("comms");
  } catch (const kubos::service::ConfigError& e) {
    throw CommsConfigError(e.what());
  }
  if (!comms)
    throw CommsConfigError(service.file() + ": " + service.keyPath("comms") + ": missing (a [" +
                           service.keyPath("comms") + "] table with at least ip is required)");
  return fromTable(*comms);
}

CommsControlBlock CommsControlBlock::create(std::optional<ReadFn> read, std::vector<WriteFn> write, CommsConfig config) {
  if (write.empty() || std::any_of(write.begin(), write.end(), [](const WriteFn& f) { return !f; }))
    throw CommsConfigError("No `write` function provided");
  if (read && !*read) read.reset();
  if (config.downlinkPorts && config.downlinkPorts->size() != write.size())
    throw CommsConfigError("There must be a unique write function for each downlink port: downlink_ports has " +
                           plural(config.downlinkPorts->size(), "port", "ports") + " but " +
                           plural(write.size(), "write function was", "write functions were") + " given");
  if (config.maxNumHandlers == 0) throw CommsConfigError("max_num_handlers must be at least 1");
  if (config.timeoutMs == 0) throw CommsConfigError("timeout must be at least 1 ms");
  checkIp(config.ip, "ip");
  return CommsControlBlock{std::move(read), std::move(write), std::move(config)};
}

}  // namespace kubos::comms
