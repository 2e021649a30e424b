#include "service/hardware.h"

#include <vector>

#include "graphql/error.h"
#include "graphql/parser.h"
#include "service/blocking.h"

namespace kubos::service {
namespace detail {
extern const std::string_view kHardwareBaseSdl;
}

namespace hardware {

std::string_view baseSdl() { return detail::kHardwareBaseSdl; }

std::string_view powerStateName(PowerState s) {
  switch (s) {
    case PowerState::On: return "ON";
    case PowerState::Off: return "OFF";
    case PowerState::Reset: return "RESET";
  }
  return "OFF";
}

std::optional<PowerState> parsePowerState(std::string_view name) {
  for (PowerState s : {PowerState::On, PowerState::Off, PowerState::Reset}) {
    if (name == powerStateName(s)) return s;
  }
  return std::nullopt;
}

kubos::graphql::Value toValue(const PowerStatus& p) {
  kubos::graphql::Value v = kubos::graphql::Value::object();
  v.add("state", p.state ? kubos::graphql::Value(powerStateName(*p.state)) : kubos::graphql::Value());
  v.add("uptime", p.uptime ? kubos::graphql::Value(*p.uptime) : kubos::graphql::Value());
  return v;
}

kubos::graphql::Resolver notImplemented() {
  return [](const kubos::graphql::Value&, const kubos::graphql::Value&, const kubos::graphql::ResolveInfo&) -> kubos::graphql::Value {
    throw kubos::graphql::FieldError(std::string(kNotImplemented));
  };
}

bool bindField(kubos::graphql::Schema& schema, std::string_view typeDotField, kubos::graphql::Resolver resolver, std::string* error) {
  const auto dot = typeDotField.find('.');
  if (dot == std::string_view::npos || dot == 0 || dot + 1 == typeDotField.size()) {
    if (error) *error = "cannot bind \"" + std::string(typeDotField) + "\": expected Type.field";
    return false;
  }
  return schema.bindResolver(typeDotField.substr(0, dot), typeDotField.substr(dot + 1), std::move(resolver), error);
}

Bytes decodeCommand(const std::string& command, std::string_view format) {
  if (format == "STR") return bytesOf(command);
  if (format == "HEX") {
    std::string err;
    auto bytes = decodeHex(command, &err);
    if (!bytes) throw kubos::graphql::FieldError("Invalid HEX command: " + err);
    return *bytes;
  }
  throw kubos::graphql::FieldError("Unknown command format \"" + std::string(format) + "\" (expected HEX or STR)");
}

kubos::graphql::Value encodeRawResponse(const Bytes& response, std::string_view format) {
  kubos::graphql::Value v = kubos::graphql::Value::object();
  if (format == "STR" && isValidUtf8(response)) {
    v.add("response", std::string(response.begin(), response.end()));
    v.add("format", "STR");
  } else {
    v.add("response", encodeHex(response));
    v.add("format", "HEX");
  }
  return v;
}

namespace {

const kubos::graphql::Value& argument(const kubos::graphql::Value& args, std::string_view name) {
  static const kubos::graphql::Value null;
  const kubos::graphql::Value* v = args.find(name);
  return v ? *v : null;
}

// An unset handler answers Not Implemented without touching anything; a set
// one talks to the device (it runs on a worker).
template <class F>
kubos::graphql::Resolver orNotImplemented(const F& handler, kubos::graphql::Resolver bound) {
  if (!handler) return nonBlocking(notImplemented());
  return blocking(std::move(bound));
}

// The outline's placeholder, for a service whose SDL adds no Telemetry field.
constexpr std::string_view kTelemetryPlaceholderSdl = R"sdl(
extend type Telemetry {
    "A placeholder telemetry item of the base schema (the service defines no telemetry of its own): always null."
    field1: Float
}
)sdl";

// Whether the device SDL gives Telemetry fields of its own. An empty one
// does not; one that does not parse is left to the schema build to report.
bool definesTelemetryFields(std::string_view deviceSdl) {
  if (deviceSdl.find_first_not_of(" \t\r\n") == std::string_view::npos) return false;
  auto parsed = kubos::graphql::parse(std::string(deviceSdl));
  if (!parsed.document) return false;
  for (const auto& def : parsed.document->definitions) {
    if (def->kind != kubos::graphql::ast::Kind::ObjectTypeExtension &&
        def->kind != kubos::graphql::ast::Kind::ObjectTypeDefinition)
      continue;
    const auto& t = def->as<kubos::graphql::ast::TypeDefinitionOrExtension>();
    if (t.name.value == "Telemetry" && !t.fields.empty()) return true;
  }
  return false;
}

}  // namespace

std::shared_ptr<kubos::graphql::Schema> buildSchema(std::string_view deviceSdl, const Handlers& h, std::string* error) {
  std::string sdl(baseSdl());
  if (!definesTelemetryFields(deviceSdl)) sdl += kTelemetryPlaceholderSdl;
  sdl += "\n";
  sdl += deviceSdl;
  std::vector<kubos::graphql::GraphQLError> errors;
  auto schema = kubos::graphql::Schema::fromSDL(std::move(sdl), &errors);
  if (!schema) {
    if (error) {
      *error = "invalid hardware schema:";
      for (const auto& e : errors) {
        *error += ' ';
        *error += e.message;
        if (!e.locations.empty())
          *error += " (line " + std::to_string(e.locations[0].line) + " of the base SDL followed by the device SDL)";
        *error += ';';
      }
      if (!error->empty() && error->back() == ';') error->pop_back();
    }
    return nullptr;
  }

  using kubos::graphql::Value;
  using Args = const Value&;
  using Info = const kubos::graphql::ResolveInfo&;
  std::vector<std::pair<const char*, kubos::graphql::Resolver>> bindings;
  // ping and config never touch the device (Handlers): answered on the I/O thread.
  bindings.emplace_back("Query.ping", nonBlocking([h](Args, Args, Info) -> Value {
                          return h.ping ? Value(h.ping()) : Value("pong");
                        }));
  bindings.emplace_back("Query.config", h.config ? nonBlocking([h](Args, Args, Info) -> Value { return h.config(); })
                                                 : nonBlocking(notImplemented()));
  bindings.emplace_back("Query.power", orNotImplemented(h.power, [h](Args, Args, Info) { return toValue(h.power()); }));
  bindings.emplace_back("Query.telemetry",
                        orNotImplemented(h.telemetry, [h](Args, Args, Info) { return h.telemetry(); }));
  bindings.emplace_back("Mutation.noop", orNotImplemented(h.noop, [h](Args, Args, Info) -> Value { return h.noop(); }));
  bindings.emplace_back("Mutation.controlPower",
                        orNotImplemented(h.controlPower, [h](Args, Args args, Info) -> Value {
                          const Value& input = argument(args, "input");
                          const Value& state = argument(input, "state");
                          if (!state.isString()) throw kubos::graphql::FieldError("controlPower: input.state is required");
                          // The engine has already checked the enum; a schema
                          // that added a value the kit does not know is refused.
                          const auto target = parsePowerState(state.asString());
                          if (!target)
                            throw kubos::graphql::FieldError("controlPower: unknown power state \"" + state.asString() +
                                                             "\" (expected ON, OFF or RESET)");
                          Value payload = Value::object();
                          payload.add("power", toValue(h.controlPower(*target)));
                          return payload;
                        }));
  bindings.emplace_back("Mutation.commandRaw", orNotImplemented(h.commandRaw, [h](Args, Args args, Info) -> Value {
                          const Value& input = argument(args, "input");
                          const Value& command = argument(input, "command");
                          const Value& format = argument(input, "format");
                          const Value& read = argument(input, "read");
                          if (!command.isString() || !format.isString())
                            throw kubos::graphql::FieldError("commandRaw: input.command and input.format are required");
                          std::optional<std::int64_t> count;
                          if (read.isInt()) {
                            if (read.asInt() < 0 || read.asInt() > kMaxRawRead)
                              throw kubos::graphql::FieldError("commandRaw: read must be between 0 and " +
                                                    std::to_string(kMaxRawRead) + ", got " +
                                                    std::to_string(read.asInt()));
                            count = read.asInt();
                          }
                          const Bytes bytes = decodeCommand(command.asString(), format.asString());
                          return encodeRawResponse(h.commandRaw(bytes, count), format.asString());
                        }));
  for (auto& [field, resolver] : bindings) {
    if (!bindField(*schema, field, std::move(resolver), error)) return nullptr;
  }
  return schema;
}

}  // namespace hardware
}  // namespace kubos::service
