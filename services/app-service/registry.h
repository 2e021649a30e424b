// The app registry on disk, in KubOS's layout (docs/app-service.md, "Registry
// layout" and "Atomic changes"). No GraphQL here. Thread-safe: every change is
// serialised by one mutex; the slow part of register (copy or extraction into
// .staging/) runs outside it.
#pragma once

#include <cstdint>
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "restart_policy.h"

namespace kubos::app_service {

struct AppInfo {
  std::string name;
  std::string version;
  std::string author;
  std::string config;
  std::string executableRel;   // relative to dir
  std::filesystem::path dir;   // <registry>/<name>/<version>
  bool active = false;
  std::int64_t activated = 0;  // ms since epoch, 0 if unknown
  RestartPolicy policy;        // from the version's manifest.toml (defaults if it has none)
  bool healthy = false;        // a run lasted policy.healthyAfter without failing (persisted in app.toml)
  std::int64_t registered = 0; // ms since epoch of the register; `activated` for versions registered before it existed
  std::optional<std::int64_t> memoryLimitMb{};  // memory_limit_mb of the version's manifest.toml
  std::filesystem::path executable() const { return dir / executableRel; }
};

struct Outcome {
  bool ok = true;
  std::string error;  // "" when ok
  static Outcome failure(std::string e) { return {false, std::move(e)}; }
};

struct RegisterOutcome : Outcome {
  AppInfo app;
};

struct UninstallOutcome : Outcome {
  std::vector<std::string> removedVersions;
};

class Registry {
 public:
  // Creates <root> and <root>/active if missing. Throws FsError.
  Registry(const std::filesystem::path& root, std::string defaultConfig);

  // Discovery and crash recovery (docs/app-service.md, "Registry layout"). Logs
  // what it skips or repairs; never deletes an app.
  void load();

  const std::filesystem::path& root() const { return root_; }

  std::vector<AppInfo> list(const std::optional<std::string>& name, const std::optional<std::string>& version,
                            std::optional<bool> active) const;
  std::optional<AppInfo> activeVersion(const std::string& name) const;
  std::vector<AppInfo> all() const { return list(std::nullopt, std::nullopt, std::nullopt); }

  RegisterOutcome registerApp(const std::string& path);
  UninstallOutcome uninstall(const std::string& name, const std::optional<std::string>& version);
  Outcome setVersion(const std::string& name, const std::string& version);
  // Records (in app.toml) that a version has been healthy; false if it is gone or cannot be written.
  bool markHealthy(const std::string& name, const std::string& version);

 private:
  RegisterOutcome registerStaged(const std::filesystem::path& staging, const std::filesystem::path& source,
                                 bool fromArchive);
  void writeAppToml(const AppInfo& a) const;
  void pointActive(const AppInfo& a) const;
  void dropActiveLink(const std::string& name) const;
  std::int64_t nextStamp();
  std::filesystem::path staging() const { return root_ / ".staging"; }

  std::filesystem::path root_;
  std::string defaultConfig_;
  mutable std::mutex mu_;
  std::vector<AppInfo> entries_;  // registration order
  std::int64_t lastStamp_ = 0;
};

}  // namespace kubos::app_service
