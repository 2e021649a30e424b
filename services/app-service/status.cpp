#include "status.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <ctime>
#include <nlohmann/json.hpp>
#include <sstream>

#include "service/log.h"

namespace fs = std::filesystem;
using nlohmann::json;

namespace kubos::app_service {

std::int64_t nowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

std::string formatTime(std::int64_t ms) {
  std::time_t secs = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[40];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
  char out[48];
  std::snprintf(out, sizeof out, "%s.%03dZ", buf, static_cast<int>(ms % 1000));
  return out;
}

namespace {

template <class T>
void putOpt(json& j, const char* k, const std::optional<T>& v) {
  if (v) j[k] = *v;
}
template <class T>
std::optional<T> getOpt(const json& j, const char* k) {
  auto it = j.find(k);
  if (it == j.end() || it->is_null()) return std::nullopt;
  return it->get<T>();
}

json toJson(const StatusEntry& e) {
  json j{{"op", "put"}, {"name", e.name}, {"version", e.version}, {"runLevel", e.runLevel}, {"start", e.startMs},
         {"running", e.running}, {"config", e.config}, {"procStart", e.procStart}};
  if (e.restarts != 0) j["restarts"] = e.restarts;
  if (e.supervision != "none") j["supervision"] = e.supervision;
  putOpt(j, "end", e.endMs);
  putOpt(j, "pid", e.pid);
  putOpt(j, "rc", e.lastRc);
  putOpt(j, "signal", e.lastSignal);
  putOpt(j, "args", e.args);
  return j;
}

StatusEntry fromJson(const json& j) {
  StatusEntry e;
  e.name = j.at("name").get<std::string>();
  e.version = j.at("version").get<std::string>();
  e.runLevel = j.at("runLevel").get<std::string>();
  e.startMs = j.at("start").get<std::int64_t>();
  e.running = j.at("running").get<bool>();
  e.config = j.at("config").get<std::string>();
  e.procStart = j.value("procStart", std::uint64_t{0});
  e.endMs = getOpt<std::int64_t>(j, "end");
  e.pid = getOpt<int>(j, "pid");
  e.lastRc = getOpt<int>(j, "rc");
  e.lastSignal = getOpt<int>(j, "signal");
  e.args = getOpt<std::vector<std::string>>(j, "args");
  e.restarts = j.value("restarts", 0);
  e.supervision = j.value("supervision", std::string("none"));
  return e;
}

bool sameKey(const StatusEntry& a, const std::string& n, const std::string& v, const std::string& r) {
  return a.name == n && a.version == v && a.runLevel == r;
}

}  // namespace

StatusStore::StatusStore(fs::path journal, std::size_t maxEntries) : path_(std::move(journal)), max_(maxEntries) {
  std::string text;
  std::error_code ec;
  if (fs::exists(path_, ec)) {
    try {
      text = readFile(path_, 64u << 20);
    } catch (const FsError& e) {
      kubos::service::log::warn("app status: ", e.what(), "; starting with an empty history");
    }
  }
  std::istringstream in(text);
  std::string line;
  std::size_t lineNo = 0;
  bool complete = text.empty() || text.back() == '\n';
  std::vector<std::string> lines;
  while (std::getline(in, line)) lines.push_back(line);
  for (const auto& l : lines) {
    ++lineNo;
    bool last = lineNo == lines.size();
    try {
      json j = json::parse(l);
      std::string op = j.at("op").get<std::string>();
      if (op == "put") {
        StatusEntry e = fromJson(j);
        auto it = std::find_if(entries_.begin(), entries_.end(),
                               [&](const StatusEntry& x) { return sameKey(x, e.name, e.version, e.runLevel); });
        if (it != entries_.end())
          *it = std::move(e);
        else
          entries_.push_back(std::move(e));
      } else if (op == "del") {
        std::string n = j.at("name").get<std::string>();
        auto v = getOpt<std::string>(j, "version");
        std::erase_if(entries_, [&](const StatusEntry& x) { return x.name == n && (!v || x.version == *v); });
      }
    } catch (const std::exception& e) {
      // A power loss can tear the last record; anything else is worth a warning.
      if (!(last && !complete))
        kubos::service::log::warn("app status: ", path_.string(), ":", lineNo, ": bad record skipped (", e.what(), ")");
    }
  }
  while (entries_.size() > max_) dropOldestEndedLocked();
  {
    std::lock_guard lock(mu_);
    try {
      compactLocked();
    } catch (const FsError& e) {
      kubos::service::log::error("app status: ", e.what(), "; history is kept in memory only");
    }
  }
  flusher_ = std::thread([this] { flushLoop(); });
}

StatusStore::~StatusStore() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  flushCv_.notify_all();
  flusher_.join();
  if (fd_.valid()) ::fdatasync(fd_.get());
}

void StatusStore::flushLoop() {
  std::unique_lock lock(mu_);
  for (;;) {
    flushCv_.wait(lock, [this] { return dirty_ || stop_; });
    if (stop_) return;
    dirty_ = false;
    // A private descriptor: compaction may replace fd_ meanwhile.
    UniqueFd fd(fd_.valid() ? ::dup(fd_.get()) : -1);
    lock.unlock();
    if (fd.valid() && ::fdatasync(fd.get()) != 0)
      kubos::service::log::error("app status: cannot flush ", path_.string(), ": ", std::strerror(errno));
    fd.reset();
    lock.lock();
  }
}

void StatusStore::compactLocked() {
  std::string out;
  for (const auto& e : entries_) out += toJson(e).dump() + "\n";
  fd_.reset();
  atomicWriteFile(path_, out);
  lines_ = entries_.size();
  fd_.reset(::open(path_.c_str(), O_WRONLY | O_APPEND | O_CLOEXEC));
  if (!fd_.valid()) throwErrno("cannot open", path_);
}

void StatusStore::append(const std::string& line) {
  if (lines_ > 4 * entries_.size() + 64) {
    try {
      compactLocked();
      return;  // the snapshot already holds this change
    } catch (const FsError& e) {
      kubos::service::log::error("app status: ", e.what());
    }
  }
  if (!fd_.valid()) return;
  std::string data = line + "\n";
  ssize_t n = ::write(fd_.get(), data.data(), data.size());
  if (n != static_cast<ssize_t>(data.size())) {
    kubos::service::log::error("app status: cannot append to ", path_.string(), ": ", std::strerror(errno));
    return;
  }
  ++lines_;
  dirty_ = true;
  flushCv_.notify_one();
}

void StatusStore::dropOldestEndedLocked() {
  auto it = std::find_if(entries_.begin(), entries_.end(), [](const StatusEntry& e) { return !e.running; });
  if (it == entries_.end()) it = entries_.begin();
  entries_.erase(it);
}

void StatusStore::put(const StatusEntry& e) {
  std::lock_guard lock(mu_);
  auto it = std::find_if(entries_.begin(), entries_.end(),
                         [&](const StatusEntry& x) { return sameKey(x, e.name, e.version, e.runLevel); });
  if (it != entries_.end()) {
    *it = e;  // the next run of the same (name, version, run level) updates it in place
  } else {
    if (entries_.size() >= max_) dropOldestEndedLocked();
    entries_.push_back(e);
  }
  append(toJson(e).dump());
}

void StatusStore::finish(const std::string& name, const std::string& version, const std::string& runLevel,
                         std::int64_t startMs, std::int64_t endMs, std::optional<int> rc, std::optional<int> sig) {
  std::lock_guard lock(mu_);
  for (auto& e : entries_) {
    if (!sameKey(e, name, version, runLevel) || e.startMs != startMs) continue;
    e.running = false;
    e.pid.reset();
    e.endMs = endMs;
    e.lastRc = rc;
    e.lastSignal = sig;
    append(toJson(e).dump());
    return;
  }
}

void StatusStore::setSupervision(const std::string& name, const std::string& version, const std::string& runLevel,
                                 std::int64_t startMs, const std::string& state) {
  std::lock_guard lock(mu_);
  for (auto& e : entries_) {
    if (!sameKey(e, name, version, runLevel) || e.startMs != startMs) continue;
    if (e.supervision == state) return;
    e.supervision = state;
    append(toJson(e).dump());
    return;
  }
}

void StatusStore::remove(const std::string& name, const std::optional<std::string>& version) {
  std::lock_guard lock(mu_);
  std::erase_if(entries_, [&](const StatusEntry& x) { return x.name == name && (!version || x.version == *version); });
  json j{{"op", "del"}, {"name", name}};
  if (version) j["version"] = *version;
  append(j.dump());
}

std::vector<StatusEntry> StatusStore::list(const std::optional<std::string>& name,
                                           const std::optional<std::string>& version,
                                           std::optional<bool> running) const {
  std::lock_guard lock(mu_);
  std::vector<StatusEntry> out;
  for (const auto& e : entries_) {
    if (name && e.name != *name) continue;
    if (version && e.version != *version) continue;
    if (running && e.running != *running) continue;
    out.push_back(e);
  }
  return out;
}

std::size_t StatusStore::journalLines() const {
  std::lock_guard lock(mu_);
  return lines_;
}

}  // namespace kubos::app_service
