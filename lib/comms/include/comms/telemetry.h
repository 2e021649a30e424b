// CommsTelemetry: counters and a bounded list of recent errors, and the
// GraphQL schema fragment that serves them (docs/comms.md, "Telemetry").
#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "graphql/schema.h"

namespace kubos::comms {

struct CommsError {
  std::chrono::system_clock::time_point time;
  std::string message;
};

struct TelemetrySnapshot {
  std::uint64_t packetsUp = 0;
  std::uint64_t packetsDown = 0;
  std::uint64_t failedPacketsUp = 0;
  std::uint64_t failedPacketsDown = 0;
  std::vector<CommsError> errors;  // oldest first
};

class CommsTelemetry {
 public:
  static constexpr std::size_t kDefaultMaxErrors = 100;
  explicit CommsTelemetry(std::size_t maxErrors = kDefaultMaxErrors) : maxErrors_(maxErrors) {}

  void packetUp();
  void packetDown();
  // Each logs the error once (warn) and keeps it in the bounded list.
  void failedUp(std::string message);
  void failedDown(std::string message);
  void error(std::string message);  // counted nowhere else

  TelemetrySnapshot snapshot() const;
  void reset();

 private:
  void record(std::string message);
  std::size_t maxErrors_;
  mutable std::mutex mu_;
  TelemetrySnapshot counts_;  // errors unused here
  std::deque<CommsError> errors_;
};

// "2026-12-02T17:06:54.123Z"
std::string formatTime(std::chrono::system_clock::time_point t);

// The fragment: `type CommsError`, `extend type Query { packetsUp ... errors errorLog }`,
// `extend type Mutation { resetTelemetry }`. The service's SDL must define
// `type Query` and `type Mutation` (possibly empty of its own fields).
std::string_view telemetrySdl();

// Binds the fragment's fields to `telemetry`; false and *error on failure.
bool bindTelemetry(kubos::graphql::Schema& schema, std::shared_ptr<CommsTelemetry> telemetry, std::string* error);

}  // namespace kubos::comms
