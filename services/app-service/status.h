// App status history (appStatus), persisted as an append-only journal under the
// registry (docs/app-service.md, "Status history"). No GraphQL here. Thread-safe.
#pragma once

#include <cstdint>
#include <filesystem>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <optional>
#include <string>
#include <vector>

#include "fsutil.h"

namespace kubos::app_service {

struct StatusEntry {
  std::string name;
  std::string version;
  std::string runLevel;
  std::int64_t startMs = 0;               // ms since epoch
  std::optional<std::int64_t> endMs;
  bool running = false;
  std::optional<int> pid;
  std::optional<int> lastRc;
  std::optional<int> lastSignal;
  std::optional<std::vector<std::string>> args;
  std::string config;
  std::uint64_t procStart = 0;            // /proc/<pid>/stat start time, to re-attach safely
  int restarts = 0;                       // restarts made since the last startApp / -b
  std::string supervision = "none";       // none / watching / backoff / gave-up / rolled-back
};

// "2026-12-02T17:08:13.123Z"
std::string formatTime(std::int64_t ms);
std::int64_t nowMs();

class StatusStore {
 public:
  static constexpr std::size_t kMaxEntries = 1000;

  // Reads the journal (ignoring a torn last line), then rewrites it compactly.
  explicit StatusStore(std::filesystem::path journal, std::size_t maxEntries = kMaxEntries);
  ~StatusStore();  // flushes the journal
  StatusStore(const StatusStore&) = delete;
  StatusStore& operator=(const StatusStore&) = delete;

  // Inserts or replaces the entry of (name, version, runLevel).
  void put(const StatusEntry& e);
  // Records the end of the run that started at startMs (no-op if it was replaced or removed).
  void finish(const std::string& name, const std::string& version, const std::string& runLevel, std::int64_t startMs,
              std::int64_t endMs, std::optional<int> rc, std::optional<int> sig);
  // Sets the supervision state of the run that started at startMs (no-op if it was replaced or removed).
  void setSupervision(const std::string& name, const std::string& version, const std::string& runLevel,
                      std::int64_t startMs, const std::string& state);
  // uninstall: drops the entries of a version (all versions if null).
  void remove(const std::string& name, const std::optional<std::string>& version);

  std::vector<StatusEntry> list(const std::optional<std::string>& name, const std::optional<std::string>& version,
                                std::optional<bool> running) const;
  std::size_t journalLines() const;

 private:
  void append(const std::string& line);
  void compactLocked();
  void dropOldestEndedLocked();

  std::filesystem::path path_;
  mutable std::mutex mu_;
  std::vector<StatusEntry> entries_;  // insertion order
  UniqueFd fd_;
  std::size_t lines_ = 0;
  std::size_t max_;
  // Records are written at once (a SIGKILL loses nothing) and fdatasync'ed by
  // one flusher thread shortly after, so a start or exit never waits for the disk.
  void flushLoop();
  std::condition_variable flushCv_;
  bool dirty_ = false;
  bool stop_ = false;
  std::thread flusher_;
};

}  // namespace kubos::app_service
