#include "resolvers.h"

#include "service/hardware.h"
#include "service/log.h"

namespace kubos::sim_eps_service {

std::string configJson(const BusConfig& c) {
  kubos::graphql::Value v = kubos::graphql::Value::object();
  v.add("bus", c.bus);
  v.add("baud", c.baud);
  v.add("timeout_ms", c.timeoutMs);
  return kubos::graphql::toJson(v);
}

std::shared_ptr<kubos::graphql::Schema> buildSchema(EpsModel& model, const BusConfig& config, std::string* error) {
  kubos::service::hardware::Handlers h;
  // ping: left unset, the kit answers "pong" without touching the device.
  h.config = [json = configJson(config)] { return json; };
  h.power = [&model] { return model.power(); };
  h.telemetry = [&model] {
    EpsTelemetry t = model.telemetry();
    kubos::graphql::Value v = kubos::graphql::Value::object();
    v.add("batteryVoltage", t.batteryVoltage);
    v.add("batteryCurrent", t.batteryCurrent);
    v.add("temperature", t.temperature);
    v.add("uptime", t.uptime);
    v.add("powerState", kubos::service::hardware::powerStateName(t.powerState));
    v.add("resetCount", t.resetCount);
    v.add("batteryCharge", t.batteryCharge);
    return v;
  };
  h.noop = [&model] {
    bool ok = model.noop();
    if (!ok) kubos::service::log::warn("noop: device ", model.deviceName(), " answered the ping wrongly");
    return ok;
  };
  h.controlPower = [&model](PowerState target) { return model.controlPower(target); };
  h.commandRaw = [&model](const kubos::service::Bytes& command, std::optional<std::int64_t> read) {
    // `read` bounds the answer: the first `read` bytes of what the board
    // sent (fewer if it sent fewer); 0 sends the command and returns "".
    // The kit has already checked it is within 0..kMaxRawRead.
    Bytes answer = model.commandRaw(command);
    if (read && static_cast<std::uint64_t>(*read) < answer.size()) answer.resize(static_cast<std::size_t>(*read));
    return answer;
  };
  return kubos::service::hardware::buildSchema(deviceSdl(), h, error);
}

}  // namespace kubos::sim_eps_service
