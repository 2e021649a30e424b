// App logs readable from the ground (appLogs; docs/app-service.md, "App logs").
// No GraphQL here. Thread-safe: the supervisor's loop appends, HTTP workers read.
//
// Each (name, run level) has its own bounded log under <registry>/.logs/<name>/:
// two segment files, <RunLevel>.0 (older) and <RunLevel>.1 (current). A line is
// one record appended to the current segment with one write(2):
//
//   u32 magic "KLG1" | u32 payload length | u32 CRC-32 of the payload | payload
//   payload: u64 seq | i64 time (ms since epoch) | u8 stream (0 stdout, 1 stderr) | text
//
// (little-endian). When the current segment would grow past half the bound it
// is renamed over the older one (one rename: oldest lines dropped first, at
// most `bound` bytes plus one record on disk, at least half the bound kept) and
// a new current segment is started. Nothing is rewritten in place.
//
// Loading (lazily, at the first append or query of a key) scans both segments
// and keeps an index of (seq, offset) in memory; records are read back with
// pread. A record whose length or CRC is wrong (a torn last record after a
// power loss) is skipped: the scan resynchronises on the next magic, and a torn
// tail of the current segment is truncated before the next append. seq goes on
// from the last record found, so it counts 1, 2, 3... per (name, run level)
// across restarts of the app and of the service. Lines are written at once (a
// SIGKILL of the service loses nothing) but not fsync'ed one by one (like
// syslog): a power loss may lose the last lines, never earlier ones; the
// current segment is fsync'ed before each rotation. A write error (a full
// disk) is logged, and that log's lines go to syslog only for a minute.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kubos::app_service {

struct AppLogLine {
  std::int64_t seq = 0;
  std::int64_t timeMs = 0;
  int stream = 0;  // 0 stdout, 1 stderr
  std::string text;
};

struct AppLogPage {
  std::vector<AppLogLine> lines;
  std::int64_t next = 0;     // last seq returned, or `after` if none
  std::int64_t dropped = 0;  // lines after `after` (up to next) lost to the bound
};

// Where to cut `text` so that the first piece has at most `max` bytes (max >= 4)
// and no UTF-8 sequence is cut: text.size() if it fits.
std::size_t splitPoint(std::string_view text, std::size_t max);

class AppLogStore {
 public:
  static constexpr std::size_t kMaxLineBytes = 4096;  // longer lines are split
  static constexpr std::int64_t kDefaultBound = 1 << 20;
  static constexpr std::int64_t kMinBound = 1024;
  static constexpr std::int64_t kMaxBound = 1 << 28;  // a segment is read whole when a log is first used

  // `dir`: <registry>/.logs (created when first needed). `bound`: bytes per
  // (name, run level), at least kMinBound.
  AppLogStore(std::filesystem::path dir, std::int64_t bound);
  ~AppLogStore();
  AppLogStore(const AppLogStore&) = delete;
  AppLogStore& operator=(const AppLogStore&) = delete;

  // One line of output (without its newline); split into pieces of at most
  // kMaxLineBytes (at a UTF-8 boundary where possible). I/O errors are logged
  // once per key, never thrown.
  void append(const std::string& name, const std::string& runLevel, int stream, std::string_view text,
              std::int64_t timeMs);
  // Lines with seq > after, at most `limit` of them, oldest first.
  AppLogPage read(const std::string& name, const std::string& runLevel, std::int64_t after, std::size_t limit);

  std::int64_t bound() const { return bound_; }

 private:
  struct Log;
  Log& logFor(const std::string& name, const std::string& runLevel);  // under mu_

  std::filesystem::path dir_;
  std::int64_t bound_;
  std::mutex mu_;
  std::map<std::pair<std::string, std::string>, std::unique_ptr<Log>> logs_;
};

}  // namespace kubos::app_service
