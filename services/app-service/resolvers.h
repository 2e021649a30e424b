// Binds schema.graphql to the models (registry, status history, supervisor).
// The only file that knows both GraphQL and the models.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "app_log_store.h"
#include "graphql/schema.h"
#include "registry.h"
#include "status.h"
#include "supervisor.h"

namespace kubos::app_service {

// schema.graphql, embedded at build time.
std::string_view schemaSdl();

struct Models {
  Registry& registry;
  StatusStore& status;
  Supervisor& supervisor;
  AppLogStore* logs = nullptr;  // appLogs; null: every page is empty
};

// startApp's logic (also used by -b/--onboot): active version, missing
// executable (uninstalled, as KubOS does), then the supervisor.
StartResult startActive(Models& m, const std::string& name, const std::string& runLevel,
                        const std::optional<std::string>& config, const std::optional<std::vector<std::string>>& args);
// uninstall's logic: registry, then running instances and status entries.
UninstallOutcome uninstallApp(Models& m, const std::string& name, const std::optional<std::string>& version);

// Automatic rollback (README of this service, "Supervision"): `failed` gave up;
// if it was never healthy and an earlier registered version was, that one is
// made active (as setVersion does) and started with the same run level, config
// and arguments (not waiting for the start window: this runs on the supervisor's
// loop). True if it rolled back.
bool rollBack(Models& m, const AppInfo& failed, const std::string& runLevel, const std::optional<std::string>& config,
              const std::optional<std::vector<std::string>>& args);
// Connects the supervisor to the registry: healthy versions, rollback.
void installSupervision(Models& m);

// Null and *error on failure (a schema or binding bug).
std::shared_ptr<kubos::graphql::Schema> buildSchema(Models& models, std::string* error);

}  // namespace kubos::app_service
