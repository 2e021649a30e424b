#include "resolvers.h"

#include <sys/stat.h>

#include <algorithm>

#include "graphql/error.h"
#include "manifest.h"
#include "service/blocking.h"
#include "service/log.h"

namespace gql = kubos::graphql;
namespace slog = kubos::service::log;

namespace kubos::app_service {

namespace {

std::optional<std::string> optString(const gql::Value& args, std::string_view key) {
  const gql::Value* v = args.find(key);
  if (!v || v->isNull()) return std::nullopt;
  return v->asString();
}

std::optional<bool> optBool(const gql::Value& args, std::string_view key) {
  const gql::Value* v = args.find(key);
  if (!v || v->isNull()) return std::nullopt;
  return v->asBool();
}

gql::Value appValue(const AppInfo& a) {
  gql::Value v = gql::Value::object();
  v.add("name", a.name);
  v.add("executable", a.executable().string());
  v.add("version", a.version);
  v.add("author", a.author);
  v.add("config", a.config);
  return v;
}

gql::Value entryValue(const AppInfo& a) {
  gql::Value v = gql::Value::object();
  v.add("active", a.active);
  v.add("app", appValue(a));
  return v;
}

gql::Value optInt(const std::optional<int>& i) { return i ? gql::Value(*i) : gql::Value(nullptr); }

gql::Value statusValue(const StatusEntry& e) {
  gql::Value v = gql::Value::object();
  v.add("name", e.name);
  v.add("version", e.version);
  v.add("runLevel", e.runLevel);
  v.add("startTime", formatTime(e.startMs));
  v.add("endTime", e.endMs ? gql::Value(formatTime(*e.endMs)) : gql::Value(nullptr));
  v.add("running", e.running);
  v.add("pid", optInt(e.pid));
  v.add("lastRc", optInt(e.lastRc));
  v.add("lastSignal", optInt(e.lastSignal));
  if (e.args) {
    gql::Value l = gql::Value::list();
    for (const auto& a : *e.args) l.push(a);
    v.add("args", std::move(l));
  } else {
    v.add("args", nullptr);
  }
  v.add("config", e.config);
  v.add("restarts", e.restarts);
  v.add("supervision", e.supervision);
  return v;
}

// A bad argument of a query (which has no success/errors fields): a GraphQL error, logged once.
[[noreturn]] void badArgument(const std::string& message) {
  slog::warn(message);
  throw gql::FieldError(message);
}

// Business failures are data, not GraphQL errors; each is logged once.
gql::Value generic(std::string_view op, const Outcome& o) {
  if (!o.ok) slog::warn(op, ": ", o.error);
  gql::Value v = gql::Value::object();
  v.add("success", o.ok);
  v.add("errors", o.error);
  return v;
}

}  // namespace

StartResult startActive(Models& m, const std::string& name, const std::string& runLevel,
                        const std::optional<std::string>& config, const std::optional<std::vector<std::string>>& args) {
  constexpr const char* prefix = "Failed to start app: ";
  if (auto bad = checkRunLevel(runLevel)) return {false, prefix + *bad, {}};
  auto app = m.registry.activeVersion(name);
  if (!app) return {false, std::string(prefix) + "No active version found for app " + name, {}};
  struct stat st {};
  if (::stat(app->executable().c_str(), &st) != 0) {
    // KubOS uninstalls a version whose executable has gone; the answer says so.
    auto u = uninstallApp(m, app->name, app->version);
    std::string what = u.ok ? app->name + " version " + app->version + " automatically uninstalled" : u.error;
    return {false, std::string(prefix) + app->executable().string() + " does not exist. " + what, {}};
  }
  return m.supervisor.start(*app, runLevel, config, args);
}

UninstallOutcome uninstallApp(Models& m, const std::string& name, const std::optional<std::string>& version) {
  UninstallOutcome u = m.registry.uninstall(name, version);
  if (!u.ok) return u;
  m.supervisor.stop(name, version);
  m.status.remove(name, version);
  slog::info("uninstalled ", name, " ", version ? *version : "(every version)");
  return u;
}

bool rollBack(Models& m, const AppInfo& failed, const std::string& runLevel, const std::optional<std::string>& config,
              const std::optional<std::vector<std::string>>& args) {
  if (!failed.policy.rollback) return false;
  auto versions = m.registry.list(failed.name, std::nullopt, std::nullopt);
  auto self = std::find_if(versions.begin(), versions.end(), [&](const AppInfo& a) { return a.version == failed.version; });
  if (self == versions.end() || !self->active) return false;  // uninstalled, or no longer the active version
  std::string what = failed.name + " " + failed.version + " (" + runLevel + ")";
  if (self->healthy) {
    slog::warn("rollback: ", what, " gave up but was healthy before: no rollback");
    return false;
  }
  const AppInfo* target = nullptr;
  for (const auto& a : versions)
    if (a.healthy && a.registered < self->registered && (!target || a.registered > target->registered)) target = &a;
  if (!target) {
    slog::warn("rollback: ", what, " gave up before it was ever healthy, and no earlier version was healthy: no rollback");
    return false;
  }
  Outcome o = m.registry.setVersion(failed.name, target->version);
  if (!o.ok) {
    slog::error("rollback: ", what, " to ", target->version, ": ", o.error);
    return false;
  }
  m.supervisor.endSupervision(failed.name, [&](const std::string& v) { return v != target->version; });
  slog::warn("rollback: ", what, " gave up before it was ever healthy; ", failed.name, " ", target->version,
             " (healthy) is the active version again");
  auto app = m.registry.activeVersion(failed.name);
  StartResult r = app ? m.supervisor.start(*app, runLevel, config, args, false)
                      : StartResult{false, "no active version", {}};
  if (r.ok)
    slog::warn("rollback: started ", failed.name, " ", target->version, " (", runLevel, ") as pid ", r.pid.value_or(-1));
  else
    slog::error("rollback: ", failed.name, " ", target->version, " is active but did not start: ", r.error);
  return true;
}

void installSupervision(Models& m) {
  Models* mp = &m;
  SupervisionHooks h;
  h.healthy = [mp](const AppInfo& a) { mp->registry.markHealthy(a.name, a.version); };
  h.gaveUp = [mp](const AppInfo& a, const std::string& runLevel, const std::optional<std::string>& config,
                  const std::optional<std::vector<std::string>>& args) { return rollBack(*mp, a, runLevel, config, args); };
  m.supervisor.setHooks(std::move(h));
}

std::shared_ptr<gql::Schema> buildSchema(Models& models, std::string* error) {
  std::vector<gql::GraphQLError> errors;
  auto schema = gql::Schema::fromSDL(std::string(schemaSdl()), &errors);
  if (!schema) {
    if (error) *error = errors.empty() ? "invalid SDL" : errors.front().message;
    return nullptr;
  }
  Models* m = &models;
  installSupervision(models);  // the schema's mutations and the supervisor act on the same models
  bool ok = true;
  auto bind = [&](const char* type, const char* field, gql::Resolver r) {
    ok = ok && schema->bindResolver(type, field, std::move(r), error);
  };
  // Only ping is answered on the kit's I/O thread (kubos::service::nonBlocking). Every other
  // resolver reads or writes the registry, the status history or the logs on disk, or
  // starts and stops processes, under locks held across that work: left unmarked, they
  // run on a worker (lib/service/README.md, "Threads").
  bind("Query", "ping", kubos::service::nonBlocking([](const gql::Value&, const gql::Value&, const gql::ResolveInfo&) {
         return gql::Value("pong");
       }));
  bind("Query", "registeredApps", [m](const gql::Value&, const gql::Value& args, const gql::ResolveInfo&) {
    gql::Value out = gql::Value::list();
    for (const auto& a : m->registry.list(optString(args, "name"), optString(args, "version"), optBool(args, "active")))
      out.push(entryValue(a));
    return out;
  });
  bind("Query", "appStatus", [m](const gql::Value&, const gql::Value& args, const gql::ResolveInfo&) {
    gql::Value out = gql::Value::list();
    for (const auto& e : m->status.list(optString(args, "name"), optString(args, "version"), optBool(args, "running")))
      out.push(statusValue(e));
    return out;
  });
  bind("Query", "appLogs", [m](const gql::Value&, const gql::Value& args, const gql::ResolveInfo&) {
    std::string name = optString(args, "name").value_or("");
    std::string runLevel = optString(args, "runLevel").value_or(kOnCommand);
    const gql::Value* a = args.find("after");
    const gql::Value* l = args.find("limit");
    std::int64_t after = (a && !a->isNull()) ? a->asInt() : 0;
    std::int64_t limit = (l && !l->isNull()) ? l->asInt() : 100;
    if (auto bad = checkRunLevel(runLevel)) badArgument("appLogs: " + *bad);
    if (auto bad = checkName("name", name)) badArgument("appLogs: " + *bad);
    if (after < 0) badArgument("appLogs: after must be at least 0 (got " + std::to_string(after) + ")");
    if (limit < 0 || limit > 1000)
      badArgument("appLogs: limit must be between 0 and 1000 (got " + std::to_string(limit) + ")");
    AppLogPage p =
        m->logs ? m->logs->read(name, runLevel, after, static_cast<std::size_t>(limit)) : AppLogPage{{}, after, 0};
    gql::Value lines = gql::Value::list();
    for (auto& line : p.lines) {
      gql::Value v = gql::Value::object();
      v.add("seq", line.seq);
      v.add("time", formatTime(line.timeMs));
      v.add("stream", line.stream ? "stderr" : "stdout");
      v.add("text", std::move(line.text));
      lines.push(std::move(v));
    }
    gql::Value v = gql::Value::object();
    v.add("lines", std::move(lines));
    v.add("next", p.next);
    v.add("dropped", p.dropped);
    return v;
  });
  bind("Mutation", "register", [m](const gql::Value&, const gql::Value& args, const gql::ResolveInfo&) {
    std::string path = optString(args, "path").value_or("");
    RegisterOutcome r = m->registry.registerApp(path);
    gql::Value v = generic("register", r);
    if (r.ok) {
      slog::info("registered ", r.app.name, " ", r.app.version, " from ", path);
      // A new active version: the old ones are not restarted any more.
      m->supervisor.endSupervision(r.app.name, [&](const std::string& v) { return v != r.app.version; });
      v.add("entry", entryValue(r.app));
      v.add("active", r.app.active);
      v.add("app", appValue(r.app));
    } else {
      v.add("entry", nullptr);
      v.add("active", nullptr);
      v.add("app", nullptr);
    }
    return v;
  });
  bind("Mutation", "uninstall", [m](const gql::Value&, const gql::Value& args, const gql::ResolveInfo&) {
    return generic("uninstall", uninstallApp(*m, optString(args, "name").value_or(""), optString(args, "version")));
  });
  bind("Mutation", "setVersion", [m](const gql::Value&, const gql::Value& args, const gql::ResolveInfo&) {
    std::string name = optString(args, "name").value_or("");
    std::string version = optString(args, "version").value_or("");
    Outcome o = m->registry.setVersion(name, version);
    if (o.ok) {
      slog::info("setVersion: ", name, " ", version, " is active");
      // "never after a new setVersion": the other versions are not restarted any more.
      m->supervisor.endSupervision(name, [&](const std::string& v) { return v != version; });
    }
    return generic("setVersion", o);
  });
  bind("Mutation", "startApp", [m](const gql::Value&, const gql::Value& args, const gql::ResolveInfo&) {
    std::optional<std::vector<std::string>> list;
    if (const gql::Value* a = args.find("args"); a && a->isList()) {
      list.emplace();
      for (const auto& s : a->asList()) list->push_back(s.asString());
    }
    StartResult r = startActive(*m, optString(args, "name").value_or(""),
                                optString(args, "runLevel").value_or(kOnCommand), optString(args, "config"), list);
    gql::Value v = generic("startApp", Outcome{r.ok, r.error});
    v.add("pid", optInt(r.pid));
    return v;
  });
  bind("Mutation", "killApp", [m](const gql::Value&, const gql::Value& args, const gql::ResolveInfo&) {
    const gql::Value* s = args.find("signal");
    std::int64_t sig = (s && !s->isNull()) ? s->asInt() : 15;
    if (sig < 1 || sig > 31)
      return generic("killApp", Outcome::failure("Failed to kill app: invalid signal " + std::to_string(sig) + " (expected 1..31)"));
    return generic("killApp", m->supervisor.kill(optString(args, "name").value_or(""),
                                                 optString(args, "runLevel").value_or(kOnCommand), static_cast<int>(sig)));
  });
  if (!ok) return nullptr;
  return schema;
}

}  // namespace kubos::app_service
