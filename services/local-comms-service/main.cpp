// local-comms-service: the communications framework over a UDP "radio"
// (docs/comms.md, "local-comms-service"). Config, radio, framework, then its
// own GraphQL endpoint for the telemetry until SIGTERM/SIGINT.
#include <memory>
#include <string>
#include <vector>

#include "comms/config.h"
#include "comms/service.h"
#include "comms/telemetry.h"
#include "radio.h"
#include "resolvers.h"
#include "service/config.h"
#include "service/log.h"
#include "service/service.h"

#ifndef LOCAL_COMMS_VERSION
#define LOCAL_COMMS_VERSION "0.0.0"
#endif

namespace comms = kubos::comms;
namespace lcs = kubos::local_comms_service;

int main(int argc, char** argv) {
  kubos::service::Service svc("local-comms-service", "local-comms-service",
                              "Communications over a UDP radio: Space Packets to and from the ground", LOCAL_COMMS_VERSION);
  if (auto rc = svc.init(argc, argv)) return *rc;

  // 1. Config: [local-comms-service] radio keys (all required) and .comms.
  lcs::RadioConfig radioConfig;
  comms::CommsConfig commsConfig;
  try {
    const kubos::service::ConfigTable& t = svc.settings();
    radioConfig.listeningIp = t.requireString("listening_ip");
    radioConfig.listeningPort = static_cast<std::uint16_t>(t.requireInt("listening_port", 1, 65535));
    radioConfig.gatewayIp = t.requireString("gateway_ip");
    radioConfig.gatewayPort = static_cast<std::uint16_t>(t.requireInt("gateway_port", 1, 65535));
    commsConfig = comms::CommsConfig::fromServiceTable(t);
  } catch (const kubos::service::ConfigError& e) {
    return svc.fail(std::string("config error: ") + e.what());
  } catch (const comms::CommsConfigError& e) {
    return svc.fail(e.what());
  }

  if (!svc.listen()) return 1;

  // 2. The radio, and the framework on it. Every downlink endpoint writes
  // to the gateway: a UDP radio has one way down.
  std::unique_ptr<lcs::UdpRadio> radio;
  try {
    radio = std::make_unique<lcs::UdpRadio>(radioConfig);
  } catch (const std::invalid_argument& e) {
    return svc.fail(std::string("config error: ") + svc.config().file() + ": " + svc.settings().keyPath(e.what()));
  } catch (const std::exception& e) {
    return svc.fail(e.what());
  }
  const std::size_t writers = commsConfig.downlinkPorts ? commsConfig.downlinkPorts->size() : 1;
  std::vector<comms::WriteFn> write(writers, [&radio](comms::ByteView b) { radio->write(b); });
  comms::ReadFn read = [&radio](std::chrono::milliseconds wait) { return radio->read(wait); };
  auto telemetry = std::make_shared<comms::CommsTelemetry>();
  std::unique_ptr<comms::CommsService> link;
  try {
    link = std::make_unique<comms::CommsService>(comms::CommsControlBlock::create(read, write, commsConfig), telemetry);
    link->start();
  } catch (const std::exception& e) {
    return svc.fail(e.what());
  }
  kubos::service::log::info("uplink on ", radioConfig.listeningIp, ":", radioConfig.listeningPort, ", downlink to ",
                            radioConfig.gatewayIp, ":", radioConfig.gatewayPort, ", forwarding to ", commsConfig.ip);

  // 3. Its own GraphQL: ping and the link telemetry.
  std::string error;
  auto schema = lcs::buildSchema(telemetry, &error);
  if (!schema) return svc.fail("cannot build the schema: " + error);
  const int rc = svc.serve(std::move(schema));
  link->stop();
  return rc;
}
