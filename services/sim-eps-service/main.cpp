// sim-eps-service: the reference KubOS hardware service. Reads like the
// checklist of docs/hardware-services.md: load config, open the device, bind the schema, serve.
// kubos::service::Service does the common part (command line, logging, config.toml with
// the [sim-eps-service] limits, GraphQL over HTTP until SIGTERM/SIGINT).
#include <chrono>
#include <memory>
#include <string>

#include "hal/serial.h"
#include "model.h"
#include "resolvers.h"
#include "service/config.h"
#include "service/log.h"
#include "service/service.h"

#ifndef SIMEPS_SERVICE_VERSION
#define SIMEPS_SERVICE_VERSION "0.0.0"
#endif

int main(int argc, char** argv) {
  kubos::service::Service svc("sim-eps-service", "sim-eps-service", "Reference hardware service for the simulated EPS (sim-eps)",
                   SIMEPS_SERVICE_VERSION);
  if (auto rc = svc.init(argc, argv)) return *rc;

  // 1. Config: [sim-eps-service] bus (required), baud, timeout_ms.
  kubos::sim_eps_service::BusConfig bus;
  try {
    const kubos::service::ConfigTable& t = svc.settings();
    bus.bus = t.requireString("bus");
    bus.baud = static_cast<unsigned>(t.getInt("baud", 115200, 1, 4'000'000));
    if (!kubos::hal::baudToSpeed(bus.baud)) t.fail("baud", "unsupported baud rate " + std::to_string(bus.baud));
    bus.timeoutMs = t.getInt("timeout_ms", 500, 1, 60'000);
  } catch (const kubos::service::ConfigError& e) {
    return svc.fail(std::string("config error: ") + e.what());
  }

  // A port in use is reported before the device is touched.
  if (!svc.listen()) return 1;

  // 2. Device. It may be plugged in later: say so, and keep serving.
  kubos::sim_eps_service::EpsModel model(std::make_unique<kubos::sim_eps_service::SerialTransport>(bus.bus, bus.baud),
                                 std::chrono::milliseconds(bus.timeoutMs));
  try {
    kubos::service::log::info("device ", bus.bus, model.noop() ? " answered" : " answered wrongly");
  } catch (const std::exception& e) {
    kubos::service::log::warn("device not ready yet (", e.what(), "); every request retries");
  }

  // 3. Schema: the hardware base + schema.graphql, bound to the model.
  std::string error;
  auto schema = kubos::sim_eps_service::buildSchema(model, bus, &error);
  if (!schema) return svc.fail("cannot build the schema: " + error);

  // 4. Serve GraphQL over HTTP until SIGTERM/SIGINT.
  return svc.serve(std::move(schema));
}
