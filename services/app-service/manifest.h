// manifest.toml (what an app ships) and app.toml (what the registry keeps per
// version), parsed and written with no file-system access, so they can be fuzzed.
// Field names and defaults: docs/app-service.md, "Register" and "Registry layout".
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "restart_policy.h"

namespace kubos::app_service {

// Message ready for the user, e.g. "Failed to parse manifest.toml: missing field `name`".
class ManifestError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct Manifest {
  std::string name;
  std::string version;
  std::string author;
  std::string executable;  // relative to the app directory; default: name
  std::optional<std::string> config;
  RestartPolicy policy;  // optional keys restart, max_restarts, restart_window_s, rollback, healthy_after_s
  std::optional<std::int64_t> memoryLimitMb{};  // memory_limit_mb, kMinMemoryLimitMb..kMaxMemoryLimitMb
};

constexpr std::int64_t kMinMemoryLimitMb = 1;
constexpr std::int64_t kMaxMemoryLimitMb = 1 << 20;  // 1 TiB

// Throws ManifestError naming the field. Does not validate name/version syntax
// (see validName) so that the register error can say which rule was broken.
Manifest parseManifest(std::string_view text);

struct AppToml {
  bool active = false;
  std::int64_t activated = 0;  // ms since epoch; 0 when absent (KubOS-written)
  std::string name;
  std::string executable;      // as stored (absolute in KubOS registries)
  std::string version;
  std::string author;
  std::optional<std::string> config;  // absent in registries of KubOS <= 1.17
  bool healthy = false;         // ours: a run lasted healthy_after_s (automatic rollback); written only when true
  std::int64_t registered = 0;  // ours: ms since epoch of the register; 0 when absent (then `activated` stands in)
};

AppToml parseAppToml(std::string_view text);  // throws ManifestError ("Failed to parse app.toml: ...")
std::string writeAppToml(const AppToml& a);

// Names and versions: 1..64 of [A-Za-z0-9._+-], not starting with '.'; the
// name is also not "active". nullopt if fine, else the reason.
std::optional<std::string> checkName(std::string_view what, std::string_view s);
// A relative path of checkName-valid components (no "..", no empty component).
std::optional<std::string> checkExecutable(std::string_view s);

}  // namespace kubos::app_service
