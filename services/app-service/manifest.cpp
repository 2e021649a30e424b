#include "manifest.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <sstream>

#include "safe-toml/safe_toml.h"

namespace kubos::app_service {

namespace {

std::string typeName(const toml::node& n) {
  switch (n.type()) {
    case toml::node_type::string: return "string";
    case toml::node_type::integer: return "integer";
    case toml::node_type::floating_point: return "float";
    case toml::node_type::boolean: return "boolean";
    case toml::node_type::table: return "table";
    case toml::node_type::array: return "array";
    default: return "date/time";
  }
}

toml::table parseToml(std::string_view text, std::string_view file) {
  try {
    return safe_toml::parse(text);  // never toml::parse: see lib/safe-toml/README.md
  } catch (const safe_toml::SyntaxError& e) {
    std::ostringstream s;
    s << "Failed to parse " << file << ": " << e.description() << " (line " << e.line() << ", column " << e.column()
      << ")";
    throw ManifestError(s.str());
  }
}

std::optional<std::string> optStr(const toml::table& t, std::string_view key, std::string_view file,
                                  std::string_view prefix) {
  const toml::node* n = t.get(key);
  if (!n) return std::nullopt;
  if (auto s = n->value<std::string>(); s && n->is_string()) return *s;
  throw ManifestError("Failed to parse " + std::string(file) + ": field `" + std::string(prefix) + std::string(key) +
                      "` must be a string (got " + typeName(*n) + ")");
}

std::string reqStr(const toml::table& t, std::string_view key, std::string_view file, std::string_view prefix) {
  auto v = optStr(t, key, file, prefix);
  if (!v) throw ManifestError("Failed to parse " + std::string(file) + ": missing field `" + std::string(prefix) + std::string(key) + "`");
  return *v;
}

[[noreturn]] void badField(std::string_view key, const std::string& why) {
  throw ManifestError("Failed to parse manifest.toml: field `" + std::string(key) + "` " + why);
}

// A duration in seconds, integer or float, in (0, 7 days].
std::optional<std::chrono::milliseconds> optSeconds(const toml::table& t, std::string_view key) {
  const toml::node* n = t.get(key);
  if (!n) return std::nullopt;
  double s = 0;
  if (n->is_integer())
    s = static_cast<double>(n->as_integer()->get());
  else if (n->is_floating_point())
    s = n->as_floating_point()->get();
  else
    badField(key, "must be a number of seconds (got " + typeName(*n) + ")");
  if (!(s > 0 && s <= 604800)) badField(key, "must be more than 0 and at most 604800 seconds (7 days)");
  return std::chrono::milliseconds(std::max<std::int64_t>(1, std::llround(s * 1000)));
}

// The optional supervision keys (README of this service, "Supervision").
RestartPolicy parsePolicy(const toml::table& t) {
  RestartPolicy p;
  if (auto r = optStr(t, "restart", "manifest.toml", "")) {
    auto m = parseRestartMode(*r);
    if (!m) badField("restart", "must be \"never\", \"on-failure\" or \"always\" (got \"" + *r + "\")");
    p.restart = *m;
  }
  if (const toml::node* n = t.get("max_restarts")) {
    if (!n->is_integer()) badField("max_restarts", "must be an integer (got " + typeName(*n) + ")");
    std::int64_t v = n->as_integer()->get();
    if (v < 0 || v > 10000) badField("max_restarts", "must be 0..10000 (got " + std::to_string(v) + ")");
    p.maxRestarts = static_cast<int>(v);
  }
  if (auto w = optSeconds(t, "restart_window_s")) p.window = *w;
  if (const toml::node* n = t.get("rollback")) {
    if (!n->is_boolean()) badField("rollback", "must be a boolean (got " + typeName(*n) + ")");
    p.rollback = n->as_boolean()->get();
  }
  if (auto h = optSeconds(t, "healthy_after_s")) p.healthyAfter = *h;
  return p;
}

// memory_limit_mb: an integer in kMinMemoryLimitMb..kMaxMemoryLimitMb, if present.
std::optional<std::int64_t> optMemoryLimit(const toml::table& t) {
  const toml::node* n = t.get("memory_limit_mb");
  if (!n) return std::nullopt;
  if (!n->is_integer()) badField("memory_limit_mb", "must be an integer (got " + typeName(*n) + ")");
  std::int64_t v = n->as_integer()->get();
  if (v < kMinMemoryLimitMb || v > kMaxMemoryLimitMb)
    badField("memory_limit_mb", "must be between " + std::to_string(kMinMemoryLimitMb) + " and " +
                                    std::to_string(kMaxMemoryLimitMb) + " (got " + std::to_string(v) + ")");
  return v;
}

}  // namespace

Manifest parseManifest(std::string_view text) {
  constexpr std::string_view file = "manifest.toml";
  toml::table t = parseToml(text, file);
  Manifest m;
  // Same order as KubOS when several are missing: name, version, author.
  m.name = reqStr(t, "name", file, "");
  m.version = reqStr(t, "version", file, "");
  m.author = reqStr(t, "author", file, "");
  m.executable = optStr(t, "executable", file, "").value_or(m.name);
  m.config = optStr(t, "config", file, "");
  m.policy = parsePolicy(t);
  m.memoryLimitMb = optMemoryLimit(t);
  return m;
}

AppToml parseAppToml(std::string_view text) {
  constexpr std::string_view file = "app.toml";
  toml::table t = parseToml(text, file);
  AppToml a;
  const toml::node* act = t.get("active_version");
  if (!act) throw ManifestError("Failed to parse app.toml: missing field `active_version`");
  if (!act->is_boolean()) throw ManifestError("Failed to parse app.toml: field `active_version` must be a boolean (got " + typeName(*act) + ")");
  a.active = act->as_boolean()->get();
  if (const toml::node* s = t.get("activated")) {
    if (!s->is_integer()) throw ManifestError("Failed to parse app.toml: field `activated` must be an integer (got " + typeName(*s) + ")");
    a.activated = s->as_integer()->get();
  }
  const toml::node* app = t.get("app");
  if (!app) throw ManifestError("Failed to parse app.toml: missing field `app`");
  if (!app->is_table()) throw ManifestError("Failed to parse app.toml: field `app` must be a table (got " + typeName(*app) + ")");
  const toml::table& at = *app->as_table();
  a.name = reqStr(at, "name", file, "app.");
  a.executable = reqStr(at, "executable", file, "app.");
  a.version = reqStr(at, "version", file, "app.");
  a.author = reqStr(at, "author", file, "app.");
  a.config = optStr(at, "config", file, "app.");
  if (const toml::node* h = t.get("healthy")) {
    if (!h->is_boolean()) throw ManifestError("Failed to parse app.toml: field `healthy` must be a boolean (got " + typeName(*h) + ")");
    a.healthy = h->as_boolean()->get();
  }
  if (const toml::node* r = t.get("registered")) {
    if (!r->is_integer()) throw ManifestError("Failed to parse app.toml: field `registered` must be an integer (got " + typeName(*r) + ")");
    a.registered = r->as_integer()->get();
  }
  return a;
}

namespace {
// A TOML basic string ("..." with escapes), as KubOS's serializer writes them.
std::string quoted(std::string_view v) {
  std::string out = "\"";
  for (char ch : v) {
    auto c = static_cast<unsigned char>(ch);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += ch;
    } else if (c < 0x20 || c == 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04X", c);
      out += buf;
    } else {
      out += ch;
    }
  }
  return out + "\"";
}
}  // namespace

std::string writeAppToml(const AppToml& a) {
  // KubOS's key order; `activated` is ours (KubOS ignores unknown keys).
  std::string s = std::string("active_version = ") + (a.active ? "true" : "false") + "\n";
  s += "activated = " + std::to_string(a.activated) + "\n";
  if (a.registered != 0) s += "registered = " + std::to_string(a.registered) + "\n";
  if (a.healthy) s += "healthy = true\n";
  s += "\n[app]\n";
  s += "name = " + quoted(a.name) + "\n";
  s += "executable = " + quoted(a.executable) + "\n";
  s += "version = " + quoted(a.version) + "\n";
  s += "author = " + quoted(a.author) + "\n";
  if (a.config) s += "config = " + quoted(*a.config) + "\n";
  return s;
}

std::optional<std::string> checkName(std::string_view what, std::string_view s) {
  if (s.empty()) return std::string(what) + " must not be empty";
  if (s.size() > 64) return std::string(what) + " is longer than 64 characters";
  if (s.front() == '.') return std::string(what) + " '" + std::string(s) + "' must not start with '.'";
  for (char c : s) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
              c == '-' || c == '+';
    if (!ok)
      return std::string(what) + " '" + std::string(s) + "' may only contain letters, digits and . _ - + (no '/', spaces or control characters)";
  }
  if (what == "name" && s == "active") return std::string("name 'active' is reserved for the registry's active/ directory");
  return std::nullopt;
}

std::optional<std::string> checkExecutable(std::string_view s) {
  if (s.empty()) return std::string("executable must not be empty");
  if (s.front() == '/') return "executable '" + std::string(s) + "' must be a path relative to the app directory";
  if (s.size() > 1024) return std::string("executable path is longer than 1024 characters");
  std::size_t start = 0;
  while (start <= s.size()) {
    std::size_t end = s.find('/', start);
    if (end == std::string_view::npos) end = s.size();
    std::string_view part = s.substr(start, end - start);
    if (part.empty() || part == "." || part == "..")
      return "executable '" + std::string(s) + "' must not contain empty, '.' or '..' components";
    if (auto e = checkName("executable component", part)) return e;
    start = end + 1;
  }
  return std::nullopt;
}

}  // namespace kubos::app_service
