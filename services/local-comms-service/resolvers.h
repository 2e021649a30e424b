// The schema of local-comms-service: schema.graphql plus the comms telemetry
// fragment, bound to a CommsTelemetry.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "comms/telemetry.h"
#include "graphql/schema.h"

namespace kubos::local_comms_service {

// schema.graphql, embedded at build time.
std::string_view serviceSdl();

// Null and *error on failure (a schema bug).
std::shared_ptr<kubos::graphql::Schema> buildSchema(std::shared_ptr<kubos::comms::CommsTelemetry> telemetry,
                                                    std::string* error);

}  // namespace kubos::local_comms_service
