// bench-telemetry-service: the HTTP benchmark's service of ours (bench/README.md,
// "HTTP"). Built from the kit like every hardware service (kubos::service::Service +
// kubos::service::hardware::buildSchema), with the device SDL of
// bench/peers/telemetry.graphql and its values (bench/peers/telemetry.json) held in
// memory: the telemetry query measures the kit's HTTP and GraphQL path, not a
// serial device (sim-eps-service's board answers in about 3 ms).
#include <fstream>
#include <sstream>
#include <string>

#include "graphql/value.h"
#include "service/hardware.h"
#include "service/service.h"

namespace {

bool readFile(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream s;
  s << in.rdbuf();
  *out = s.str();
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  kubos::service::Service svc("bench-telemetry-service", "bench-telemetry-service",
                              "In-memory telemetry service for make bench (bench/README.md)");
  std::string peers = KUBOS_BENCH_PEERS_DIR;
  svc.cli().add_option("--peers", peers, "folder holding telemetry.graphql and telemetry.json");
  if (auto rc = svc.init(argc, argv)) return *rc;

  std::string sdl;
  std::string json;
  if (!readFile(peers + "/telemetry.graphql", &sdl)) return svc.fail("cannot read " + peers + "/telemetry.graphql");
  if (!readFile(peers + "/telemetry.json", &json)) return svc.fail("cannot read " + peers + "/telemetry.json");
  kubos::graphql::JsonParseError jerr;
  auto values = kubos::graphql::parseJson(json, &jerr);
  if (!values || !values->isObject()) return svc.fail(peers + "/telemetry.json: not a JSON object");

  kubos::service::hardware::Handlers h;
  const kubos::graphql::Value telemetry = *values;
  h.telemetry = [telemetry] { return telemetry; };
  std::string error;
  auto schema = kubos::service::hardware::buildSchema(sdl, h, &error);
  if (!schema) return svc.fail("cannot build the schema: " + error);
  return svc.serve(schema);
}
