// kubos::service::Service: what a service's main() is made of:
// read config, bind the port, open the device, bind the schema, serve.
// services/sim-eps-service/main.cpp is the example to follow (init, the
// service's keys, listen, device, schema, serve); lib/service/README.md,
// "A service's main()", walks through it.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "graphql/engine.h"
#include "graphql/schema.h"
#include "service/cli.h"
#include "service/config.h"
#include "service/http.h"
#include "service/log.h"

namespace kubos::service {

// Limits read from [name] (all optional; docs/services.md, "Limits"):
//   max-body-bytes (1 MiB), max-header-bytes (16 KiB), header-timeout-ms (10000),
//   body-timeout-ms (30000), idle-timeout-ms (60000), write-timeout-ms (30000),
//   max-query-depth (64), max-field-count (10000), max-batch (32),
//   max-connections (256), workers (4), queue-length (= max-connections)
struct ServiceLimits {
  HttpLimits http;
  kubos::graphql::EngineLimits engine;
  std::size_t maxBatch = 32;
};
ServiceLimits readLimits(const ConfigTable& table);  // throws ConfigError

class Service {
 public:
  Service(std::string binaryName, std::string configSection, std::string description,
          std::string version = "0.1.0");
  ~Service();

  // Add service flags here before init().
  CLI::App& cli() { return cli_.app(); }

  // Parses the command line, starts logging, loads config.toml ([name],
  // [name.addr], limits). nullopt: carry on; otherwise return it from main
  // (0 after --help/--version, 2 for a bad flag, 1 for a config error).
  [[nodiscard]] std::optional<int> init(int argc, const char* const* argv);

  const CommonOptions& options() const { return cli_.options(); }
  const Config& config() const { return *config_; }
  const ConfigTable& settings() const { return config_->service(); }  // [name]
  const Address& address() const { return address_; }
  const ServiceLimits& limits() const { return limits_; }
  const std::string& name() const { return binaryName_; }

  // One line on stderr and in syslog, then `return svc.fail(...)` exits 1.
  int fail(std::string_view message);

  // Binds [name.addr] (idempotent), e.g. to fail on a port in use before
  // opening a device. False after logging why, naming the address. Nothing
  // is answered until serve(). serve() calls it too.
  [[nodiscard]] bool listen();
  // Builds the engine with the configured limits and serves GraphQL over
  // HTTP (+ GraphiQL) until SIGTERM/SIGINT or stop(). The exit status.
  // Resolvers reach the device through what they captured when bound.
  [[nodiscard]] int serve(std::shared_ptr<const kubos::graphql::Schema> schema,
                          const kubos::graphql::Value* rootValue = nullptr);
  // The port actually bound (after listen/serve started).
  std::uint16_t boundPort() const;
  // Thread-safe: makes serve() return.
  void stop();

 private:
  std::string binaryName_;
  std::string section_;
  std::string version_;
  CommandLine cli_;
  std::optional<Config> config_;
  Address address_;
  ServiceLimits limits_;
  struct Forwarder;  // lets the socket be bound before the handler exists
  std::unique_ptr<Forwarder> forwarder_;
  std::unique_ptr<kubos::graphql::Engine> engine_;
  std::unique_ptr<HttpHandler> handler_;
  std::unique_ptr<HttpServer> server_;
};

}  // namespace kubos::service
