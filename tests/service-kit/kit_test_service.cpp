// kit-test-service: a test-only hardware service built from the kit, the way
// a real one is (kubos::service::Service + kubos::service::hardware::buildSchema), with a few fields that
// let the integration tests exercise the transport:
//   slow(ms)  blocks like a resolver waiting on hardware (default 1 s)
//   fail      always a field error
//   echo      returns its argument
// config and controlPower are left unbound: they answer "Not Implemented".
#include <algorithm>
#include <atomic>
#include <chrono>
#include <thread>

#include "service/hardware.h"
#include "service/service.h"

namespace {

const char* kDeviceSdl = R"(
extend type Query {
  "Sleeps ms milliseconds (default 1000) like a resolver blocked on hardware."
  slow(ms: Int = 1000): String
  "Always fails with a field error."
  fail: String
  echo(text: String): String
}
extend type Telemetry {
  voltage: Float
}
extend type Mutation {
  setValue(value: Int!): Int
}
)";

}  // namespace

int main(int argc, char** argv) {
  kubos::service::Service svc("kit-test-service", "kit-test-service", "Test service for the service kit's integration tests");
  bool onboot = false;  // proves a service can add its own flags (as the app service adds -b)
  svc.cli().add_flag("-b,--onboot", onboot, "accepted and logged (flag extensibility test)");
  if (auto rc = svc.init(argc, argv)) return *rc;
  if (onboot) kubos::service::log::info("--onboot given");

  // A service key with a default, read through the typed accessors.
  std::int64_t maxSleepMs = 0;
  try {
    maxSleepMs = svc.settings().getInt("max-sleep-ms", 5000, 0, 60'000);
  } catch (const kubos::service::ConfigError& e) {
    return svc.fail(std::string("config error: ") + e.what());
  }

  const auto started = std::chrono::steady_clock::now();
  std::atomic<std::int64_t> value{0};
  kubos::service::hardware::Handlers h;
  h.noop = [] { return true; };
  h.power = [started] {
    const auto up = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - started);
    return kubos::service::hardware::PowerStatus{kubos::service::hardware::PowerState::On, up.count()};
  };
  h.telemetry = [] {
    kubos::graphql::Value t = kubos::graphql::Value::object();
    t.add("voltage", 5.0);
    return t;
  };
  // The "device" answers a command with the command's bytes, reversed, or
  // with `read` bytes of 0xff when asked for a count.
  h.commandRaw = [](const kubos::service::Bytes& cmd, std::optional<std::int64_t> read) {
    if (read) return kubos::service::Bytes(static_cast<std::size_t>(*read), 0xff);
    return kubos::service::Bytes(cmd.rbegin(), cmd.rend());
  };

  std::string error;
  auto schema = kubos::service::hardware::buildSchema(kDeviceSdl, h, &error);
  if (!schema) return svc.fail("cannot build the schema: " + error);
  using kubos::graphql::Value;
  bool ok = kubos::service::hardware::bindField(*schema, "Query.slow",
                               [maxSleepMs](const Value&, const Value& args, const kubos::graphql::ResolveInfo&) -> Value {
                                 const Value* ms = args.find("ms");
                                 std::int64_t wait = ms && ms->isInt() ? ms->asInt() : 1000;
                                 wait = std::clamp<std::int64_t>(wait, 0, maxSleepMs);
                                 std::this_thread::sleep_for(std::chrono::milliseconds(wait));
                                 return "slept " + std::to_string(wait) + " ms";
                               },
                               &error) &&
            kubos::service::hardware::bindField(*schema, "Query.fail",
                               [](const Value&, const Value&, const kubos::graphql::ResolveInfo&) -> Value {
                                 throw kubos::graphql::FieldError("device did not answer");
                               },
                               &error) &&
            kubos::service::hardware::bindField(*schema, "Query.echo",
                               [](const Value&, const Value& args, const kubos::graphql::ResolveInfo&) -> Value {
                                 const Value* text = args.find("text");
                                 return text ? *text : Value();
                               },
                               &error) &&
            kubos::service::hardware::bindField(*schema, "Mutation.setValue",
                               [&value](const Value&, const Value& args, const kubos::graphql::ResolveInfo&) -> Value {
                                 value = args.find("value")->asInt();
                                 return Value(value.load());
                               },
                               &error);
  if (!ok) return svc.fail("cannot bind the schema: " + error);
  return svc.serve(schema);
}
