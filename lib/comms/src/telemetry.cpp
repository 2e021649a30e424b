#include "comms/telemetry.h"

#include <array>
#include <cstdio>
#include <ctime>
#include <limits>
#include <utility>

#include "service/log.h"

namespace kubos::comms {

void CommsTelemetry::packetUp() {
  std::lock_guard lock(mu_);
  ++counts_.packetsUp;
}

void CommsTelemetry::packetDown() {
  std::lock_guard lock(mu_);
  ++counts_.packetsDown;
}

void CommsTelemetry::failedUp(std::string message) {
  {
    std::lock_guard lock(mu_);
    ++counts_.failedPacketsUp;
  }
  record(std::move(message));
}

void CommsTelemetry::failedDown(std::string message) {
  {
    std::lock_guard lock(mu_);
    ++counts_.failedPacketsDown;
  }
  record(std::move(message));
}

void CommsTelemetry::error(std::string message) { record(std::move(message)); }

void CommsTelemetry::record(std::string message) {
  kubos::service::log::warn("comms: ", message);
  std::lock_guard lock(mu_);
  if (maxErrors_ == 0) return;
  if (errors_.size() >= maxErrors_) errors_.pop_front();
  errors_.push_back({std::chrono::system_clock::now(), std::move(message)});
}

TelemetrySnapshot CommsTelemetry::snapshot() const {
  std::lock_guard lock(mu_);
  TelemetrySnapshot s = counts_;
  s.errors.assign(errors_.begin(), errors_.end());
  return s;
}

void CommsTelemetry::reset() {
  std::lock_guard lock(mu_);
  counts_ = {};
  errors_.clear();
}

std::string formatTime(std::chrono::system_clock::time_point t) {
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
  const std::time_t secs = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  std::array<char, 32> date{};
  const std::size_t n = std::strftime(date.data(), date.size(), "%Y-%m-%dT%H:%M:%S", &tm);
  std::array<char, 8> millis{};
  std::snprintf(millis.data(), millis.size(), ".%03dZ", static_cast<int>(ms % 1000));
  return std::string(date.data(), n) + millis.data();
}

std::string_view telemetrySdl() {
  static constexpr std::string_view sdl = R"sdl(
"""One error the communications framework met, newest last."""
type CommsError {
  """When it happened: UTC, ISO 8601 with milliseconds, e.g. 2026-12-02T17:06:54.123Z."""
  time: String!
  """What happened, one line (e.g. "packet too short: 7 bytes (a Space Packet header is 16)")."""
  message: String!
}

extend type Query {
  """Packets read from the radio that parsed (count since start or the last resetTelemetry)."""
  packetsUp: Int!
  """Packets written to the radio (count)."""
  packetsDown: Int!
  """Packets read from the radio that were rejected (too short, length mismatch, unknown APID) and radio read errors (count)."""
  failedPacketsUp: Int!
  """GraphQL requests answered with an errors reply, failed UDP passthroughs and failed radio writes (count)."""
  failedPacketsDown: Int!
  """The most recent errors (at most 100), oldest first, each as "<time> <message>" with the time in UTC, ISO 8601 (KubOS's field, with times added)."""
  errors: [String!]!
  """The same errors as errors, with the time and the message apart."""
  errorLog: [CommsError!]!
}

extend type Mutation {
  """Zeroes the four counters and clears the errors list; true when done."""
  resetTelemetry: Boolean!
}
)sdl";
  return sdl;
}

bool bindTelemetry(kubos::graphql::Schema& schema, std::shared_ptr<CommsTelemetry> telemetry, std::string* error) {
  using kubos::graphql::Value;
  using Info = const kubos::graphql::ResolveInfo&;
  // GraphQL Int is 32-bit: a counter past it reads as the largest Int.
  auto clampInt = [](std::uint64_t v) {
    return static_cast<std::int64_t>(std::min<std::uint64_t>(v, std::numeric_limits<std::int32_t>::max()));
  };
  auto counter = [telemetry, clampInt](std::uint64_t TelemetrySnapshot::*field) {
    return [telemetry, clampInt, field](const Value&, const Value&, Info) -> Value {
      return Value(clampInt(telemetry->snapshot().*field));
    };
  };
  const std::pair<const char*, std::uint64_t TelemetrySnapshot::*> counters[] = {
      {"packetsUp", &TelemetrySnapshot::packetsUp},
      {"packetsDown", &TelemetrySnapshot::packetsDown},
      {"failedPacketsUp", &TelemetrySnapshot::failedPacketsUp},
      {"failedPacketsDown", &TelemetrySnapshot::failedPacketsDown},
  };
  for (const auto& [name, field] : counters)
    if (!schema.bindResolver("Query", name, counter(field), error)) return false;
  if (!schema.bindResolver(
          "Query", "errors",
          [telemetry](const Value&, const Value&, Info) -> Value {
            Value list = Value::list();
            for (const auto& e : telemetry->snapshot().errors) list.push(Value(formatTime(e.time) + " " + e.message));
            return list;
          },
          error))
    return false;
  if (!schema.bindResolver(
          "Query", "errorLog",
          [telemetry](const Value&, const Value&, Info) -> Value {
            Value list = Value::list();
            for (const auto& e : telemetry->snapshot().errors) {
              Value item = Value::object();
              item.add("time", formatTime(e.time));
              item.add("message", e.message);
              list.push(std::move(item));
            }
            return list;
          },
          error))
    return false;
  return schema.bindResolver(
      "Mutation", "resetTelemetry",
      [telemetry = std::move(telemetry)](const Value&, const Value&, Info) -> Value {
        telemetry->reset();
        return Value(true);
      },
      error);
}

}  // namespace kubos::comms
