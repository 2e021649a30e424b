// [<service>.comms] and the control block (docs/comms.md, "Configuration").
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "comms/packet.h"

namespace kubos::service {
class ConfigTable;
}

namespace kubos::comms {

// Every message starts "Config error: " (KubOS's wording).
class CommsConfigError : public std::runtime_error {
 public:
  explicit CommsConfigError(const std::string& what) : std::runtime_error("Config error: " + what) {}
};

inline constexpr std::uint16_t kDefaultMaxHandlers = 50;
inline constexpr std::uint32_t kDefaultTimeoutMs = 1500;

struct CommsConfig {
  std::string ip;  // IPv4 or IPv6 literal
  std::uint16_t maxNumHandlers = kDefaultMaxHandlers;
  std::uint32_t timeoutMs = kDefaultTimeoutMs;
  std::optional<std::vector<std::uint16_t>> downlinkPorts;

  // From the [<service>.comms] table; throws CommsConfigError naming the key.
  static CommsConfig fromTable(const kubos::service::ConfigTable& comms);
  // From the whole service table: requires its `comms` sub-table.
  static CommsConfig fromServiceTable(const kubos::service::ConfigTable& service);
};

// Reads one packet from the radio, waiting at most `maxWait`; nullopt when
// none came. Throws (std::exception) on a radio error. Must return within
// about maxWait so that stop() is prompt.
using ReadFn = std::function<std::optional<Bytes>(std::chrono::milliseconds maxWait)>;
// Writes one whole packet to the radio. Throws on failure. May be called
// from several threads at once.
using WriteFn = std::function<void(ByteView packet)>;

struct CommsControlBlock {
  std::optional<ReadFn> read;  // absent: a transmit-only radio
  std::vector<WriteFn> write;  // write[i] serves downlink_ports[i]; write[0] carries GraphQL replies
  CommsConfig config;

  // Validates as KubOS does (and a little more); throws CommsConfigError:
  //   "No `write` function provided"
  //   "There must be a unique write function for each downlink port: downlink_ports has 2 ports but 1 write function was given"
  static CommsControlBlock create(std::optional<ReadFn> read, std::vector<WriteFn> write, CommsConfig config);
};

}  // namespace kubos::comms
