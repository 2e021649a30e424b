#include "resolvers.h"

#include "graphql/error.h"
#include "service/hardware.h"
#include "service/log.h"

namespace simeps_service {

namespace {

kit::hw::PowerState toKit(const PowerStatus& p) {
  return {std::string(simeps::powerStateName(p.state)), p.uptime};
}

}  // namespace

std::string configJson(const BusConfig& c) {
  gql::Value v = gql::Value::object();
  v.add("bus", c.bus);
  v.add("baud", c.baud);
  v.add("timeoutMs", c.timeoutMs);
  return gql::toJson(v);
}

std::shared_ptr<gql::Schema> buildSchema(EpsModel& model, const BusConfig& config, std::string* error) {
  kit::hw::Handlers h;
  // ping: left unset, the kit answers "pong" without touching the device.
  h.config = [json = configJson(config)] { return json; };
  h.power = [&model] { return toKit(model.power()); };
  h.telemetry = [&model] {
    EpsTelemetry t = model.telemetry();
    gql::Value v = gql::Value::object();
    v.add("batteryVoltage", t.batteryVoltage);
    v.add("batteryCurrent", t.batteryCurrent);
    v.add("temperature", t.temperature);
    v.add("uptime", t.uptime);
    v.add("powerState", simeps::powerStateName(t.powerState));
    v.add("resetCount", t.resetCount);
    v.add("batteryCharge", t.batteryCharge);
    return v;
  };
  h.noop = [&model] {
    bool ok = model.noop();
    if (!ok) kit::log::warn("noop: device ", model.deviceName(), " answered the ping wrongly");
    return ok;
  };
  h.controlPower = [&model](const std::string& state) {
    PowerState target = state == "ON" ? PowerState::On : state == "OFF" ? PowerState::Off : PowerState::Reset;
    return toKit(model.controlPower(target));
  };
  h.commandRaw = [&model](const kit::Bytes& command, std::optional<std::int64_t> read) {
    // `read` bounds the answer: the first `read` bytes of what the board
    // sent (fewer if it sent fewer); 0 sends the command and returns "".
    if (read && *read < 0) throw gql::FieldError("read must not be negative (got " + std::to_string(*read) + ")");
    Bytes answer = model.commandRaw(command);
    if (read && static_cast<std::uint64_t>(*read) < answer.size()) answer.resize(static_cast<std::size_t>(*read));
    return answer;
  };
  return kit::hw::buildSchema(deviceSdl(), h, error);
}

}  // namespace simeps_service
