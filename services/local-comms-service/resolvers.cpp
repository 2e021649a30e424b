#include "resolvers.h"

#include <vector>

#include "service/blocking.h"

namespace kubos::local_comms_service {

std::shared_ptr<kubos::graphql::Schema> buildSchema(std::shared_ptr<kubos::comms::CommsTelemetry> telemetry,
                                                    std::string* error) {
  std::string sdl(serviceSdl());
  sdl += '\n';
  sdl += kubos::comms::telemetrySdl();
  std::vector<kubos::graphql::GraphQLError> errors;
  auto schema = kubos::graphql::Schema::fromSDL(std::move(sdl), &errors);
  if (!schema) {
    if (error) {
      *error = "invalid schema:";
      for (const auto& e : errors) *error += " " + e.message + ";";
    }
    return nullptr;
  }
  using kubos::graphql::Value;
  // ping is answered on the kit's I/O thread. The telemetry resolvers
  // (lib/comms) are left unmarked, so they run on a worker: they take the
  // lock the radio thread holds while it counts.
  if (!schema->bindResolver("Query", "ping", kubos::service::nonBlocking([](const Value&, const Value&,
                                                                            const kubos::graphql::ResolveInfo&) {
                              return Value("pong");
                            }),
                            error))
    return nullptr;
  if (!kubos::comms::bindTelemetry(*schema, std::move(telemetry), error)) return nullptr;
  return schema;
}

}  // namespace kubos::local_comms_service
