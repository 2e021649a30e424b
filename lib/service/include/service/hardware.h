// The hardware-service base (docs/hardware-services.md): the base schema
// every hardware service implements, with "Not Implemented" field errors for
// whatever the device does not do, and the commandRaw HEX/STR codecs.
//
//   kubos::service::hardware::Handlers h;
//   h.noop = [&] { return device.ping(); };
//   h.commandRaw = [&](const kubos::service::Bytes& cmd, std::optional<std::int64_t> read) { return device.raw(cmd, read); };
//   auto schema = kubos::service::hardware::buildSchema("extend type Telemetry { voltage: Float }", h, &error);
//   kubos::service::hardware::bindField(*schema, "Telemetry.voltage", resolver, &error);   // device fields
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "graphql/schema.h"
#include "graphql/value.h"
#include "service/hex.h"

namespace kubos::service::hardware {

inline constexpr std::string_view kNotImplemented = "Not Implemented";

// lib/service/schema/hardware_base.graphql, embedded at build time.
std::string_view baseSdl();

// PowerStateEnum of the base schema: the one power-state type of the stack
// (device protocols map their own wire bytes to it).
enum class PowerState : std::uint8_t { On, Off, Reset };
// "ON", "OFF", "RESET": the schema's enum value names.
std::string_view powerStateName(PowerState s);
// The enum value for "ON", "OFF" or "RESET"; nullopt for anything else, so a
// caller reports an unknown state instead of guessing one.
std::optional<PowerState> parsePowerState(std::string_view name);

// The base schema's PowerState object: a state and how long it has held.
struct PowerStatus {
  std::optional<PowerState> state;     // null when unknown
  std::optional<std::int64_t> uptime;  // seconds; null when unknown
};
kubos::graphql::Value toValue(const PowerStatus& p);

// Device operations. An unset one answers the "Not Implemented" field error.
// Any exception a handler throws becomes that field's error (its what()).
// ping and config run on the I/O thread (service/blocking.h) and must not
// wait: ping is a liveness check, config the settings the service read. The
// others run on a worker.
struct Handlers {
  std::function<std::string()> ping;  // unset: "pong" (a liveness check never touches hardware)
  std::function<std::string()> config;
  std::function<PowerStatus()> power;
  std::function<kubos::graphql::Value()> telemetry;  // an object holding the Telemetry fields
  std::function<bool()> noop;             // a real round trip: true only on a correct answer
  std::function<PowerStatus(PowerState target)> controlPower;  // the state asked for
  // The decoded command bytes and the optional `read` count; returns the reply bytes.
  std::function<Bytes(const Bytes& command, std::optional<std::int64_t> read)> commandRaw;
};

// Largest `read` commandRaw accepts (a bound, so a typo cannot ask for 2 GB).
inline constexpr std::int64_t kMaxRawRead = 65536;

// Base SDL + the device's SDL (new types, `extend type Query/Mutation/
// Telemetry { ... }`), every base root field bound. Null + *error on failure.
// Telemetry has the placeholder `field1` only when the device SDL gives it no
// field of its own.
std::shared_ptr<kubos::graphql::Schema> buildSchema(std::string_view deviceSdl, const Handlers& handlers, std::string* error);

// A resolver answering the "Not Implemented" field error.
kubos::graphql::Resolver notImplemented();

// Binds "Type.field" (e.g. "Query.voltage"); false and *error naming it on failure.
bool bindField(kubos::graphql::Schema& schema, std::string_view typeDotField, kubos::graphql::Resolver resolver, std::string* error);

// commandRaw codecs. decodeCommand throws kubos::graphql::FieldError on bad input, e.g.
//   "Invalid HEX command: invalid hex digit 'x' at position 3"
Bytes decodeCommand(const std::string& command, std::string_view format);
// {response, format}: the caller's format; STR falls back to HEX for bytes
// that are not UTF-8 (binary is always HEX).
kubos::graphql::Value encodeRawResponse(const Bytes& response, std::string_view format);

}  // namespace kubos::service::hardware
