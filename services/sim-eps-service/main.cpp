// sim-eps-service: the reference KubOS hardware service. Reads like the
// checklist of seed 000: load config, open the device, bind the schema, serve.
#include <chrono>
#include <memory>

#include "graphql/engine.h"
#include "hal/serial.h"
#include "model.h"
#include "resolvers.h"
#include "service/cli.h"
#include "service/config.h"
#include "service/graphql_http.h"
#include "service/http.h"
#include "service/log.h"

#ifndef SIMEPS_SERVICE_VERSION
#define SIMEPS_SERVICE_VERSION "0.0.0"
#endif

namespace {
constexpr const char* kName = "sim-eps-service";
}

int main(int argc, char** argv) {
  kit::CommandLine cli(kName, "Reference hardware service for the simulated EPS (sim-eps)", SIMEPS_SERVICE_VERSION);
  if (auto rc = cli.parse(argc, argv)) return *rc;
  const kit::CommonOptions& opt = cli.options();
  kit::log::init({kName, opt.level, opt.echoStdout});

  try {
    // 1. Config: [sim-eps-service] bus (required), baud, timeout_ms; .addr.
    const kit::Config config = kit::Config::load(kName, opt.configPath.value_or(kit::Config::defaultPath()));
    const kit::ConfigTable& t = config.service();
    simeps_service::BusConfig bus;
    bus.bus = t.requireString("bus");
    bus.baud = static_cast<unsigned>(t.getInt("baud", 115200, 1, 4'000'000));
    if (!hal::baudToSpeed(bus.baud)) t.fail("baud", "unsupported baud rate " + std::to_string(bus.baud));
    bus.timeoutMs = t.getInt("timeout_ms", 500, 1, 60'000);
    const kit::Address addr = config.addr();

    // 2. Device. It may be plugged in later: say so, and keep serving.
    simeps_service::EpsModel model(std::make_unique<simeps_service::SerialTransport>(bus.bus, bus.baud),
                                   std::chrono::milliseconds(bus.timeoutMs));
    try {
      kit::log::info("device ", bus.bus, model.noop() ? " answered" : " answered wrongly");
    } catch (const std::exception& e) {
      kit::log::warn("device not ready yet (", e.what(), "); every request retries");
    }

    // 3. Schema: the hardware base + schema.graphql, bound to the model.
    std::string error;
    auto schema = simeps_service::buildSchema(model, bus, &error);
    if (!schema) {
      kit::log::fatal("cannot build the schema: " + error);
      return 1;
    }

    // 4. Serve GraphQL over HTTP until SIGTERM/SIGINT.
    gql::Engine engine(schema);
    kit::GraphQLHttpHandler handler(engine, {});
    kit::HttpServer server(handler, kit::HttpLimits{});
    server.listen(addr.ip, addr.port);
    for (const auto& a : server.boundAddresses()) kit::log::info("listening on http://", a, "/");
    server.run();
    kit::log::info("stopped");
    return 0;
  } catch (const std::exception& e) {
    // Config errors and "port in use" name the file/key or the address.
    kit::log::fatal(e.what());
    return 1;
  }
}
