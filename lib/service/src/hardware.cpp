#include "service/hardware.h"

#include <vector>

#include "graphql/error.h"

namespace kit {
namespace detail {
extern const std::string_view kHardwareBaseSdl;
}

namespace hw {

std::string_view baseSdl() { return detail::kHardwareBaseSdl; }

gql::Value toValue(const PowerState& p) {
  gql::Value v = gql::Value::object();
  v.add("state", p.state.empty() ? gql::Value() : gql::Value(p.state));
  v.add("uptime", p.uptime ? gql::Value(*p.uptime) : gql::Value());
  return v;
}

gql::Resolver notImplemented() {
  return [](const gql::Value&, const gql::Value&, const gql::ResolveInfo&) -> gql::Value {
    throw gql::FieldError(std::string(kNotImplemented));
  };
}

bool bindField(gql::Schema& schema, std::string_view typeDotField, gql::Resolver resolver, std::string* error) {
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
    if (!bytes) throw gql::FieldError("Invalid HEX command: " + err);
    return *bytes;
  }
  throw gql::FieldError("Unknown command format \"" + std::string(format) + "\" (expected HEX or STR)");
}

gql::Value encodeRawResponse(const Bytes& response, std::string_view format) {
  gql::Value v = gql::Value::object();
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

const gql::Value& argument(const gql::Value& args, std::string_view name) {
  static const gql::Value null;
  const gql::Value* v = args.find(name);
  return v ? *v : null;
}

template <class F>
gql::Resolver orNotImplemented(const F& handler, gql::Resolver bound) {
  return handler ? std::move(bound) : notImplemented();
}

}  // namespace

std::shared_ptr<gql::Schema> buildSchema(std::string_view deviceSdl, const Handlers& h, std::string* error) {
  std::string sdl(baseSdl());
  sdl += "\n";
  sdl += deviceSdl;
  std::vector<gql::GraphQLError> errors;
  auto schema = gql::Schema::fromSDL(std::move(sdl), &errors);
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

  using gql::Value;
  using Args = const Value&;
  using Info = const gql::ResolveInfo&;
  std::vector<std::pair<const char*, gql::Resolver>> bindings;
  bindings.emplace_back("Query.ping", [h](Args, Args, Info) -> Value { return h.ping ? Value(h.ping()) : Value("pong"); });
  bindings.emplace_back("Query.config", orNotImplemented(h.config, [h](Args, Args, Info) -> Value { return h.config(); }));
  bindings.emplace_back("Query.power", orNotImplemented(h.power, [h](Args, Args, Info) { return toValue(h.power()); }));
  bindings.emplace_back("Query.telemetry",
                        orNotImplemented(h.telemetry, [h](Args, Args, Info) { return h.telemetry(); }));
  bindings.emplace_back("Mutation.noop", orNotImplemented(h.noop, [h](Args, Args, Info) -> Value { return h.noop(); }));
  bindings.emplace_back("Mutation.controlPower",
                        orNotImplemented(h.controlPower, [h](Args, Args args, Info) -> Value {
                          const Value& input = argument(args, "input");
                          const Value& state = argument(input, "state");
                          if (!state.isString()) throw gql::FieldError("controlPower: input.state is required");
                          Value payload = Value::object();
                          payload.add("power", toValue(h.controlPower(state.asString())));
                          return payload;
                        }));
  bindings.emplace_back("Mutation.commandRaw", orNotImplemented(h.commandRaw, [h](Args, Args args, Info) -> Value {
                          const Value& input = argument(args, "input");
                          const Value& command = argument(input, "command");
                          const Value& format = argument(input, "format");
                          const Value& read = argument(input, "read");
                          if (!command.isString() || !format.isString())
                            throw gql::FieldError("commandRaw: input.command and input.format are required");
                          std::optional<std::int64_t> count;
                          if (read.isInt()) {
                            if (read.asInt() < 0 || read.asInt() > kMaxRawRead)
                              throw gql::FieldError("commandRaw: read must be between 0 and " +
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

}  // namespace hw
}  // namespace kit
