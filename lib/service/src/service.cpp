#include "service/service.h"

#include "service/graphql_http.h"

namespace kubos::service {

ServiceLimits readLimits(const ConfigTable& t) {
  using std::chrono::milliseconds;
  constexpr ConfigTable::Int kDay = 24LL * 3600 * 1000;
  ServiceLimits l;
  l.http.maxBodyBytes = static_cast<std::size_t>(t.getInt("max-body-bytes", 1 << 20, 1, 1LL << 30));
  l.http.maxHeaderBytes =
      static_cast<std::size_t>(t.getInt("max-header-bytes", ConfigTable::Int{16} * 1024, 1024, 1 << 20));
  l.http.headerTimeout = milliseconds(t.getInt("header-timeout-ms", 10'000, 1, kDay));
  l.http.bodyTimeout = milliseconds(t.getInt("body-timeout-ms", 30'000, 1, kDay));
  l.http.idleTimeout = milliseconds(t.getInt("idle-timeout-ms", 60'000, 1, kDay));
  l.http.writeTimeout = milliseconds(t.getInt("write-timeout-ms", 30'000, 1, kDay));
  l.http.maxConnections = static_cast<std::size_t>(t.getInt("max-connections", 256, 1, 65'536));
  l.http.workers = static_cast<unsigned>(t.getInt("workers", 4, 1, 256));
  // A connection has at most one request in flight, so a queue as long as the
  // connection cap never refuses a client that stays within it: 503 comes only
  // from a shorter queue-length the operator chose.
  l.http.queueLength = static_cast<std::size_t>(
      t.getInt("queue-length", static_cast<ConfigTable::Int>(l.http.maxConnections), 1, 1'000'000));
  l.engine.maxQueryDepth = static_cast<std::uint32_t>(t.getInt("max-query-depth", 64, 1, 10'000));
  l.engine.maxFieldCount = static_cast<std::uint64_t>(t.getInt("max-field-count", 10'000, 1, 100'000'000));
  l.engine.parse.maxSourceBytes = l.http.maxBodyBytes;
  l.maxBatch = static_cast<std::size_t>(t.getInt("max-batch", 32, 1, 10'000));
  return l;
}

struct Service::Forwarder : HttpHandler {
  HttpHandler* target = nullptr;
  std::optional<HttpResponse> route(const HttpRequest& r) override { return target->route(r); }
  HttpResponse handle(const HttpRequest& r) override { return target->handle(r); }
};

Service::Service(std::string binaryName, std::string configSection, std::string description, std::string version)
    : binaryName_(binaryName),
      section_(std::move(configSection)),
      version_(version),
      cli_(std::move(binaryName), std::move(description), std::move(version)) {}

Service::~Service() = default;

std::optional<int> Service::init(int argc, const char* const* argv) {
  if (auto rc = cli_.parse(argc, argv)) return rc;
  log::Options lo;
  lo.ident = binaryName_;
  lo.threshold = options().level;
  lo.echoStdout = options().echoStdout;
  log::init(lo);

  std::string path;
  try {
    path = options().configPath ? *options().configPath : Config::defaultPathOrThrow();
    config_.emplace(Config::load(section_, path));
    address_ = config_->addr();
    limits_ = readLimits(config_->service());
  } catch (const ConfigError& e) {
    return fail(std::string("config error: ") + e.what());
  }
  log::debug("config ", path, ": [", section_, "] loaded, address ", address_.toString());
  return std::nullopt;
}

int Service::fail(std::string_view message) {
  log::fatal(message);
  return 1;
}

bool Service::listen() {
  if (server_) return true;
  if (!config_) {
    fail("internal error: Service::listen() called before init()");
    return false;
  }
  if (!forwarder_) forwarder_ = std::make_unique<Forwarder>();
  auto server = std::make_unique<HttpServer>(*forwarder_, limits_.http);
  try {
    server->listen(address_.ip, address_.port);
  } catch (const std::exception& e) {
    fail(std::string(e.what()) + " (" + section_ + ".addr in " + config_->file() + ")");
    return false;
  }
  server_ = std::move(server);
  return true;
}

int Service::serve(std::shared_ptr<const kubos::graphql::Schema> schema, const kubos::graphql::Value* rootValue) {
  if (!config_) return fail("internal error: Service::serve() called before init()");
  if (!schema) return fail("internal error: no schema to serve");
  engine_ = std::make_unique<kubos::graphql::Engine>(std::move(schema), limits_.engine);
  GraphQLHttpOptions opts;
  opts.maxBatch = limits_.maxBatch;
  opts.rootValue = rootValue;
  opts.title = binaryName_ + " GraphiQL";
  handler_ = std::make_unique<GraphQLHttpHandler>(*engine_, opts);
  if (!listen()) return 1;
  forwarder_->target = handler_.get();
  // Start-up has read its configuration by now: what nobody read is a typo
  // or a leftover. Said once, and the service carries on.
  for (const auto& unknown : config_->unknownKeys()) log::warn("config: ", unknown);
  for (const auto& a : server_->boundAddresses())
    log::info(binaryName_, " ", version_, " serving GraphQL on http://", a, "/ (GraphiQL at http://", a, "/graphiql)");
  log::warnIfUnheard();
  server_->run(true);
  log::info(binaryName_, " stopped");
  return 0;
}

std::uint16_t Service::boundPort() const { return server_ ? server_->boundPort() : 0; }

void Service::stop() {
  if (server_) server_->stop();
}

}  // namespace kubos::service
