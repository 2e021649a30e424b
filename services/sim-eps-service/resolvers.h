// Binds the sim-eps-service schema (hardware base + schema.graphql) to the
// model. The only file that knows both GraphQL and the device.
#pragma once

#include <memory>
#include <string>

#include "graphql/schema.h"
#include "model.h"

namespace kubos::sim_eps_service {

struct BusConfig {
  std::string bus;
  unsigned baud = 115200;
  long long timeoutMs = 500;
};

// schema.graphql, embedded at build time.
std::string_view deviceSdl();

// The `config` query's answer: the bus settings as compact JSON.
std::string configJson(const BusConfig& c);

// Null and *error on failure (a schema or binding bug, not a device problem).
std::shared_ptr<kubos::graphql::Schema> buildSchema(EpsModel& model, const BusConfig& config, std::string* error);

}  // namespace kubos::sim_eps_service
