// CommsService: the read loop, the GraphQL and UDP message handlers and the
// downlink endpoints (docs/comms.md, "Forwarding", "The errors reply",
// "Start and stop").
//
//   auto telemetry = std::make_shared<kubos::comms::CommsTelemetry>();
//   kubos::comms::CommsService comms(kubos::comms::CommsControlBlock::create(read, {write}, config), telemetry);
//   comms.start();   // throws std::runtime_error naming a downlink port it cannot bind
//   ...
//   comms.stop();    // or the destructor: every thread joined, every socket closed
#pragma once

#include <memory>
#include <string>

#include "comms/config.h"
#include "comms/packet.h"
#include "comms/telemetry.h"

namespace kubos::comms {

class CommsService {
 public:
  CommsService(CommsControlBlock control, std::shared_ptr<CommsTelemetry> telemetry,
               std::shared_ptr<const PacketCodec> codec = std::make_shared<SpacePacketCodec>());
  ~CommsService();
  CommsService(const CommsService&) = delete;
  CommsService& operator=(const CommsService&) = delete;

  void start();
  void stop();

  // The errors-reply payload: {"errors":[{"message":"..."}]}
  static std::string errorsPayload(const std::string& message);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace kubos::comms
