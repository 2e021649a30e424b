// kubos-app-service: the applications service. Reads like its checklist:
// config, registry, status history, supervisor, schema, -b, serve.
// kubos::service::Service does the common part (command line, logging,
// config.toml with the [app-service] limits, GraphQL over HTTP until SIGTERM).
#include <csignal>
#include <memory>
#include <string>

#include "registry.h"
#include "resolvers.h"
#include "service/config.h"
#include "service/log.h"
#include "service/service.h"
#include "status.h"
#include "supervisor.h"

#ifndef APP_SERVICE_VERSION
#define APP_SERVICE_VERSION "0.0.0"
#endif

namespace as = kubos::app_service;
namespace slog = kubos::service::log;

int main(int argc, char** argv) {
  kubos::service::Service svc("kubos-app-service", "app-service", "Applications service: registry and supervisor of mission apps",
                              APP_SERVICE_VERSION);
  bool onboot = false;
  svc.cli().add_flag("-b,--onboot", onboot, "start the active version of every app with run level OnBoot");
  if (auto rc = svc.init(argc, argv)) return *rc;

  // A full disk (or RLIMIT_FSIZE) must be an error from write(2), not a signal
  // that kills the service. Apps get default dispositions (posix_spawn SETSIGDEF).
  std::signal(SIGXFSZ, SIG_IGN);
  std::signal(SIGPIPE, SIG_IGN);

  // 1. Config (docs/app-service.md, "Config").
  std::string registryDir;
  as::SupervisorOptions sup;
  std::int64_t appLogBytes = as::AppLogStore::kDefaultBound;
  try {
    const kubos::service::ConfigTable& t = svc.settings();
    registryDir = t.getString("registry-dir", "/home/system/kubos/apps");
    if (registryDir.empty()) t.fail("registry-dir", "must not be empty");
    sup.startWindow = std::chrono::milliseconds(t.getInt("start-window-ms", 300, 0, 60'000));
    sup.killGrace = std::chrono::milliseconds(t.getInt("kill-grace-ms", 2000, 0, 600'000));
    appLogBytes = t.getInt("app-log-bytes", as::AppLogStore::kDefaultBound, as::AppLogStore::kMinBound,
                           as::AppLogStore::kMaxBound);
    sup.cgroupDir = t.optString("cgroup-dir");
  } catch (const kubos::service::ConfigError& e) {
    return svc.fail(std::string("config error: ") + e.what());
  }

  if (!svc.listen()) return 1;

  // 2. Registry, status history and app logs, all under registry-dir.
  std::unique_ptr<as::Registry> registry;
  std::unique_ptr<as::StatusStore> status;
  std::unique_ptr<as::AppLogStore> logs;
  try {
    registry = std::make_unique<as::Registry>(registryDir, kubos::service::Config::defaultPath());
    registry->load();
    status = std::make_unique<as::StatusStore>(registry->root() / ".status.journal");
    logs = std::make_unique<as::AppLogStore>(registry->root() / ".logs", appLogBytes);
  } catch (const std::exception& e) {
    return svc.fail(std::string("app registry: ") + e.what());
  }

  // 3. Supervisor: one event loop for every child; re-attach the survivors.
  sup.logs = logs.get();
  as::Supervisor supervisor(*status, sup);
  supervisor.reattach();
  as::Models models{*registry, *status, supervisor, logs.get()};

  std::string error;
  auto schema = as::buildSchema(models, &error);
  if (!schema) return svc.fail("cannot build the schema: " + error);

  // 4. -b/--onboot (docs/app-service.md, "Command line").
  if (onboot) {
    int started = 0, failed = 0;
    for (const auto& app : registry->list(std::nullopt, std::nullopt, true)) {
      auto r = as::startActive(models, app.name, as::kOnBoot, std::nullopt, std::nullopt);
      if (r.ok) {
        ++started;
      } else {
        ++failed;
        slog::error("onboot: failed to start ", app.name, ": ", r.error);
      }
    }
    slog::info("onboot: ", started, " started, ", failed, " failed");
  }

  // 5. Serve until SIGTERM/SIGINT. Running apps keep running.
  return svc.serve(std::move(schema));
}
