#include "registry.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <map>

#include "app_archive.h"
#include "fsutil.h"
#include "manifest.h"
#include "service/log.h"

namespace fs = std::filesystem;
namespace slog = kubos::service::log;

namespace kubos::app_service {

namespace {

constexpr const char* kRegisterPrefix = "Failed to register app: ";
constexpr const char* kArchiveRootMessage =
    "Failed to register app: Manifest file manifest.toml not found in root of archive. When you create the archive, "
    "do so in the application directory, with a command like: tar -czf archive.tgz *";

bool endsWith(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// Temporary names of atomicWriteFile / atomicSymlink (".<name>.tmp-<token>") that a
// crash left behind.
void removeTempFiles(const fs::path& dir, std::string_view only = {}) {
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    std::string n = it->path().filename().string();
    bool temp = n.size() > 1 && n.front() == '.' && n.find(".tmp-") != std::string::npos;
    if (temp && (only.empty() || n.rfind(only, 0) == 0)) {
      std::error_code rec;
      fs::remove(it->path(), rec);
    }
  }
}

bool isRealDir(const fs::path& p) {
  struct stat st {};
  return ::lstat(p.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

std::vector<std::string> sortedNames(const fs::path& dir) {
  std::vector<std::string> out;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) out.push_back(it->path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

// KubOS stores the executable as an absolute path; keep the part after
// /<name>/<version>/ so that a moved registry still finds it.
std::optional<std::string> relativeExecutable(const std::string& stored, const std::string& name,
                                              const std::string& version) {
  if (stored.empty() || stored.front() != '/') return stored;
  std::string marker = "/" + name + "/" + version + "/";
  auto pos = stored.rfind(marker);
  if (pos == std::string::npos) return std::nullopt;
  return stored.substr(pos + marker.size());
}

// The opt-in keys (supervision, memory limit) of a registered version's
// manifest.toml, parsed once. KubOS-made versions have none (or no manifest):
// the defaults, no supervision and no limit.
struct ManifestExtras {
  RestartPolicy policy;
  std::optional<std::int64_t> memoryLimitMb;
};
ManifestExtras loadManifestExtras(const fs::path& vdir) {
  std::error_code ec;
  if (!fs::exists(vdir / "manifest.toml", ec)) return {};
  try {
    Manifest m = parseManifest(readFile(vdir / "manifest.toml", 1 << 20));
    return {m.policy, m.memoryLimitMb};
  } catch (const std::exception& e) {
    slog::warn("registry: ", vdir.string(), "/manifest.toml: ", e.what(),
               " (no restart policy and no memory limit for this version)");
    return {};
  }
}

}  // namespace

Registry::Registry(const fs::path& root, std::string defaultConfig) : defaultConfig_(std::move(defaultConfig)) {
  std::error_code ec;
  fs::create_directories(root, ec);
  if (ec) throw FsError("cannot create app registry at " + root.string() + ": " + ec.message());
  root_ = fs::canonical(root, ec);
  if (ec) throw FsError("cannot resolve app registry path " + root.string() + ": " + ec.message());
  for (const fs::path& d : {root_ / "active", staging()}) {
    fs::create_directories(d, ec);
    if (ec) throw FsError("cannot create " + d.string() + ": " + ec.message());
  }
  if (::access(root_.c_str(), W_OK) != 0) throwErrno("app registry is not writable:", root_);
}

std::int64_t Registry::nextStamp() {
  auto now = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  lastStamp_ = std::max<std::int64_t>(now, lastStamp_ + 1);
  return lastStamp_;
}

void Registry::writeAppToml(const AppInfo& a) const {
  AppToml t;
  t.active = a.active;
  t.activated = a.activated;
  t.name = a.name;
  t.executable = a.executable().string();
  t.version = a.version;
  t.author = a.author;
  t.config = a.config;
  t.healthy = a.healthy;
  t.registered = a.registered;
  atomicWriteFile(a.dir / "app.toml", kubos::app_service::writeAppToml(t));
}

void Registry::pointActive(const AppInfo& a) const {
  std::error_code ec;
  fs::create_directories(root_ / "active", ec);  // may have been deleted by hand
  atomicSymlink(a.dir, root_ / "active" / a.name);
}

void Registry::dropActiveLink(const std::string& name) const {
  fs::path link = root_ / "active" / name;
  if (::unlink(link.c_str()) == 0) {
    fsyncDir(root_ / "active");
  } else if (errno != ENOENT) {
    throwErrno("cannot remove active symlink", link);
  }
}

void Registry::load() {
  std::lock_guard lock(mu_);
  entries_.clear();
  // Leftovers of changes interrupted by a crash: never part of the registry.
  for (const auto& n : sortedNames(staging())) {
    try {
      removeTreeUnder(root_, staging() / n);
    } catch (const FsError& e) {
      slog::warn("registry: ", e.what());
    }
  }
  removeTempFiles(root_ / "active");
  removeTempFiles(root_, ".");
  std::map<std::string, std::string> linkTargets;  // name -> version the symlink names
  for (const auto& n : sortedNames(root_ / "active")) {
    std::error_code ec;
    fs::path t = fs::read_symlink(root_ / "active" / n, ec);
    if (!ec) linkTargets[n] = t.filename().string();
  }

  for (const auto& name : sortedNames(root_)) {
    if (name == "active" || name.empty() || name.front() == '.') continue;
    fs::path appDir = root_ / name;
    if (!isRealDir(appDir)) continue;  // other files at the top level are not apps
    if (auto bad = checkName("name", name)) {
      slog::warn("registry: skipping ", appDir.string(), ": ", *bad);
      continue;
    }
    std::vector<AppInfo> versions;
    auto names = sortedNames(appDir);
    for (const auto& ver : names) {
      fs::path vdir = appDir / ver;
      if (!isRealDir(vdir) || ver.front() == '.') continue;
      removeTempFiles(vdir, ".app.toml.tmp-");
      try {
        if (auto bad = checkName("version", ver)) throw ManifestError(*bad);
        AppToml t = parseAppToml(readFile(vdir / "app.toml", 1 << 20));
        if (t.name != name || t.version != ver) {
          std::string m = "app.toml names ";
          m += t.name;
          m += ' ';
          m += t.version;
          m += ", not the directory's ";
          m += name;
          m += ' ';
          m += ver;
          throw ManifestError(m);
        }
        auto rel = relativeExecutable(t.executable, name, ver);
        if (!rel) {
          std::string m = "executable ";
          m += t.executable;
          m += " is not inside ";
          m += vdir.string();
          throw ManifestError(m);
        }
        if (auto bad = checkExecutable(*rel)) throw ManifestError(*bad);
        ManifestExtras extras = loadManifestExtras(vdir);
        AppInfo a{name,      ver,       t.author,           t.config.value_or(defaultConfig_),
                  *rel,      vdir,      t.active,           t.activated,
                  extras.policy, t.healthy, t.registered != 0 ? t.registered : t.activated};
        a.memoryLimitMb = extras.memoryLimitMb;
        lastStamp_ = std::max(lastStamp_, a.activated);
        versions.push_back(std::move(a));
      } catch (const std::exception& e) {
        // KubOS deleted such directories; keeping them loses nothing.
        slog::warn("registry: skipping ", vdir.string(), " (left on disk): ", e.what());
      }
    }
    if (names.empty()) {
      // An interrupted register or uninstall may leave an empty app directory.
      ::rmdir(appDir.c_str());
      continue;
    }
    // Exactly one active version: latest `activated`, then the symlink's, then the last.
    AppInfo* best = nullptr;
    for (auto& a : versions) {
      if (!a.active) continue;
      auto it = linkTargets.find(name);
      bool linked = it != linkTargets.end() && it->second == a.version;
      if (!best || a.activated > best->activated ||
          (a.activated == best->activated && (linked || !(it != linkTargets.end() && it->second == best->version))))
        best = &a;
    }
    for (auto& a : versions) {
      bool want = &a == best;
      if (a.active != want) {
        a.active = want;
        try {
          writeAppToml(a);
          slog::info("registry: ", name, " ", a.version, " marked inactive (", best ? best->version : "none", " is active)");
        } catch (const std::exception& e) {
          slog::warn("registry: ", e.what());
        }
      }
    }
    try {
      auto it = linkTargets.find(name);
      if (best && (it == linkTargets.end() || fs::read_symlink(root_ / "active" / name) != best->dir)) pointActive(*best);
      if (!best && it != linkTargets.end()) dropActiveLink(name);
    } catch (const std::exception& e) {
      slog::warn("registry: ", e.what());
    }
    for (auto& a : versions) entries_.push_back(std::move(a));
  }
  // Symlinks for apps that are gone.
  for (const auto& link : linkTargets) {
    const std::string& n = link.first;
    bool known = std::any_of(entries_.begin(), entries_.end(), [&](const AppInfo& a) { return a.name == n && a.active; });
    if (!known) {
      try {
        dropActiveLink(n);
      } catch (const std::exception& e) {
        slog::warn("registry: ", e.what());
      }
    }
  }
  slog::info("registry: ", entries_.size(), " app version(s) in ", root_.string());
}

std::vector<AppInfo> Registry::list(const std::optional<std::string>& name, const std::optional<std::string>& version,
                                    std::optional<bool> active) const {
  std::lock_guard lock(mu_);
  std::vector<AppInfo> out;
  for (const auto& a : entries_) {
    if (name && a.name != *name) continue;
    if (version && a.version != *version) continue;
    if (active && a.active != *active) continue;
    out.push_back(a);
  }
  return out;
}

std::optional<AppInfo> Registry::activeVersion(const std::string& name) const {
  std::lock_guard lock(mu_);
  for (const auto& a : entries_)
    if (a.name == name && a.active) return a;
  return std::nullopt;
}

RegisterOutcome Registry::registerApp(const std::string& path) {
  RegisterOutcome out;
  if (path.empty()) return {Outcome::failure(std::string(kRegisterPrefix) + "path must not be empty"), {}};
  fs::path src(path);
  struct stat st {};
  if (::stat(src.c_str(), &st) != 0)
    return {Outcome::failure(std::string(kRegisterPrefix) + path + " does not exist"), {}};
  bool archive = false;
  if (!S_ISDIR(st.st_mode)) {
    std::string fname = src.filename().string();
    if (S_ISREG(st.st_mode) && (endsWith(fname, ".tgz") || endsWith(fname, ".tar.gz"))) {
      archive = true;
    } else {
      std::string ext = src.extension().string();
      if (ext.size() > 1)
        return {Outcome::failure(std::string(kRegisterPrefix) + "Provided file with extension " + ext.substr(1) +
                                 " is neither a directory nor a tgz archive file"), {}};
      return {Outcome::failure(std::string(kRegisterPrefix) + "Provided file is neither a directory nor a tgz archive file"), {}};
    }
  }
  fs::path stage = staging() / ("reg-" + randomToken());
  try {
    std::error_code ec;
    fs::create_directories(staging(), ec);
    if (::mkdir(stage.c_str(), 0755) != 0) throwErrno("cannot create staging directory", stage);
  } catch (const FsError& e) {
    return {Outcome::failure(std::string(kRegisterPrefix) + e.what()), {}};
  }
  RegisterOutcome r;
  try {
    r = registerStaged(stage, src, archive);
  } catch (const std::exception& e) {
    r = {Outcome::failure(std::string(kRegisterPrefix) + e.what()), {}};
  }
  if (!r.ok) {
    std::error_code ec;
    if (fs::exists(stage, ec)) {
      try {
        removeTreeUnder(root_, stage);
      } catch (const FsError& e) {
        slog::warn("registry: ", e.what());
      }
    }
  }
  return r;
}

RegisterOutcome Registry::registerStaged(const fs::path& stage, const fs::path& src, bool fromArchive) {
  auto fail = [](std::string m) { return RegisterOutcome{Outcome::failure(std::move(m)), {}}; };
  fs::path manifestDir = src;
  if (fromArchive) {
    try {
      extractArchive(src, stage);
    } catch (const ArchiveError& e) {
      return fail(std::string(kRegisterPrefix) + "Error expanding archive: " + e.what());
    } catch (const FsError& e) {
      return fail(std::string(kRegisterPrefix) + "Error expanding archive: " + e.what());
    }
    struct stat st {};
    if (::lstat((stage / "manifest.toml").c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return fail(kArchiveRootMessage);
    manifestDir = stage;
  }
  std::string text;
  {
    fs::path mf = manifestDir / "manifest.toml";
    struct stat st {};
    if (::stat(mf.c_str(), &st) != 0)
      return fail(std::string(kRegisterPrefix) + "Unable to load manifest.toml: " + std::strerror(errno) + " (os error " + std::to_string(errno) + ")");
    try {
      text = readFile(mf, 1 << 20);
    } catch (const FsError& e) {
      return fail(std::string(kRegisterPrefix) + "Unable to load manifest.toml: " + e.what());
    }
  }
  Manifest m;
  try {
    m = parseManifest(text);
  } catch (const ManifestError& e) {
    return fail(e.what());
  }
  if (auto bad = checkName("name", m.name)) return fail("Failed to parse manifest.toml: field `name`: " + *bad);
  if (auto bad = checkName("version", m.version)) return fail("Failed to parse manifest.toml: field `version`: " + *bad);
  if (auto bad = checkExecutable(m.executable)) return fail("Failed to parse manifest.toml: field `executable`: " + *bad);
  {
    struct stat st {};
    if (::stat((manifestDir / m.executable).c_str(), &st) != 0)
      return fail(std::string(kRegisterPrefix) + "Application file " + m.executable + " not found in given path");
  }
  fs::path finalDir = root_ / m.name / m.version;
  {
    std::error_code ec;
    if (fs::exists(finalDir, ec))
      return fail(std::string(kRegisterPrefix) + "App " + m.name + " version " + m.version + " already exists");
  }
  if (!fromArchive) {
    try {
      copyTree(src, stage);
    } catch (const FsError& e) {
      return fail(std::string(kRegisterPrefix) + "Error copying files into registry dir: " + e.what());
    }
  }
  AppInfo a{m.name, m.version, m.author, m.config.value_or(defaultConfig_), m.executable, finalDir, true, 0, m.policy,
            false, 0};
  a.memoryLimitMb = m.memoryLimitMb;

  std::lock_guard lock(mu_);
  a.activated = nextStamp();
  a.registered = a.activated;
  {
    // app.toml is written in the staging copy, so it arrives with the rename.
    AppInfo staged = a;
    staged.dir = stage;
    AppToml t{true, a.activated, a.name, a.executable().string(), a.version, a.author, a.config, false, a.registered};
    try {
      atomicWriteFile(stage / "app.toml", kubos::app_service::writeAppToml(t));
      // Every staged file and directory on disk before the commit rename.
      syncFilesystem(stage);
    } catch (const FsError& e) {
      return fail(std::string(kRegisterPrefix) + "Error copying files into registry dir: " + e.what());
    }
  }
  fs::path appDir = root_ / m.name;
  if (::mkdir(appDir.c_str(), 0755) == 0) {
    fsyncDir(root_);
  } else if (errno != EEXIST) {
    return fail(std::string(kRegisterPrefix) + "cannot create " + appDir.string() + ": " + std::strerror(errno));
  }
  if (::rename(stage.c_str(), finalDir.c_str()) != 0) {
    int e = errno;
    if (e == EEXIST || e == ENOTEMPTY)
      return fail(std::string(kRegisterPrefix) + "App " + m.name + " version " + m.version + " already exists");
    return fail(std::string(kRegisterPrefix) + "cannot move the app into " + finalDir.string() + ": " + std::strerror(e));
  }
  // The commit point: from here the new version is in the registry and active.
  try {
    fsyncDir(appDir);
    fsyncDir(staging());
    pointActive(a);
  } catch (const FsError& e) {
    slog::warn("registry: register ", a.name, " ", a.version, ": ", e.what(), " (repaired at the next start)");
  }
  for (auto& old : entries_) {
    if (old.name == a.name && old.active) {
      old.active = false;
      try {
        writeAppToml(old);
      } catch (const FsError& e) {
        slog::warn("registry: register ", a.name, ": ", e.what(), " (repaired at the next start)");
      }
    }
  }
  entries_.push_back(a);
  RegisterOutcome r;
  r.app = a;
  return r;
}

UninstallOutcome Registry::uninstall(const std::string& name, const std::optional<std::string>& version) {
  constexpr const char* prefix = "Failed to uninstall app: ";
  auto fail = [](std::string m) { return UninstallOutcome{Outcome::failure(std::move(m)), {}}; };
  if (auto bad = checkName("name", name)) return fail(prefix + *bad);
  if (version)
    if (auto bad = checkName("version", *version)) return fail(prefix + *bad);
  std::lock_guard lock(mu_);
  std::vector<std::string> victims;
  bool activeRemoved = false;
  for (const auto& a : entries_) {
    if (a.name == name && (!version || a.version == *version)) {
      victims.push_back(a.version);
      activeRemoved = activeRemoved || a.active;
    }
  }
  if (victims.empty()) {
    if (version) return fail(std::string(prefix) + name + " version " + *version + " not found in registry");
    return fail(std::string(prefix) + "no app named " + name + " in the registry");
  }
  fs::path appDir = root_ / name;
  fs::path trash = staging() / ("del-" + randomToken());
  std::size_t remaining = 0;
  for (const auto& a : entries_)
    if (a.name == name && version && a.version != *version) ++remaining;
  try {
    // The commit point: one rename out of the registry.
    renameDurable(version && remaining > 0 ? appDir / *version : appDir, trash);
  } catch (const FsError& e) {
    return fail(std::string(prefix) + e.what());
  }
  std::erase_if(entries_, [&](const AppInfo& a) { return a.name == name && (!version || a.version == *version); });
  try {
    if (activeRemoved || remaining == 0) dropActiveLink(name);
  } catch (const FsError& e) {
    slog::warn("registry: uninstall ", name, ": ", e.what());
  }
  try {
    removeTreeUnder(root_, trash);
  } catch (const FsError& e) {
    slog::warn("registry: uninstall ", name, ": ", e.what(), " (removed at the next start)");
  }
  UninstallOutcome out;
  out.removedVersions = std::move(victims);
  return out;
}

Outcome Registry::setVersion(const std::string& name, const std::string& version) {
  std::string notFound = "Registry Error: App " + name + " version " + version + " not found in registry";
  if (checkName("name", name) || checkName("version", version)) return Outcome::failure(notFound);
  std::lock_guard lock(mu_);
  AppInfo* target = nullptr;
  for (auto& a : entries_)
    if (a.name == name && a.version == version) target = &a;
  if (!target) return Outcome::failure(notFound);
  if (target->active) return {};
  AppInfo updated = *target;
  updated.active = true;
  updated.activated = nextStamp();
  try {
    writeAppToml(updated);  // the commit point
  } catch (const FsError& e) {
    return Outcome::failure(std::string("Registry Error: Failed to update new active version entry: ") + e.what());
  }
  *target = updated;
  try {
    pointActive(updated);
  } catch (const FsError& e) {
    slog::warn("registry: setVersion ", name, ": ", e.what(), " (repaired at the next start)");
  }
  for (auto& a : entries_) {
    if (a.name == name && a.active && a.version != version) {
      a.active = false;
      try {
        writeAppToml(a);
      } catch (const FsError& e) {
        slog::warn("registry: setVersion ", name, ": ", e.what(), " (repaired at the next start)");
      }
    }
  }
  return {};
}

bool Registry::markHealthy(const std::string& name, const std::string& version) {
  std::lock_guard lock(mu_);
  for (auto& a : entries_) {
    if (a.name != name || a.version != version) continue;
    if (a.healthy) return true;
    AppInfo updated = a;
    updated.healthy = true;
    try {
      writeAppToml(updated);
    } catch (const FsError& e) {
      slog::warn("registry: cannot record that ", name, " ", version, " is healthy: ", e.what());
      return false;
    }
    a = updated;
    return true;
  }
  return false;
}

}  // namespace kubos::app_service
