// Logging for services (CONTRACT.md section 4): syslog with facility
// LOG_DAEMON, ident = the binary name, with the pid; message text only (syslog
// adds time and level). `--stdout` also echoes each line with time and level.
#pragma once

#include <functional>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>

namespace kubos::service::log {

enum class Level { Error = 0, Warn, Info, Debug, Trace };

// "error", "warn", "info", "debug", "trace" (exactly; as -l takes them).
std::optional<Level> parseLevel(std::string_view name);
std::string_view levelName(Level level);

struct Options {
  std::string ident;          // the binary name
  Level threshold = Level::Info;
  bool echoStdout = false;    // --stdout
  bool useSyslog = true;      // off in unit tests
  int facility = -1;          // -1: LOG_DAEMON (apps pass LOG_USER)
};

// Opens syslog. May be called again (tests, re-configuration).
void init(const Options& options);
const Options& options();
bool enabled(Level level);
void write(Level level, std::string_view message);

// A line a person must see even without --stdout (config errors, port in use):
// stderr as "<ident>: <message>", plus syslog at error level, plus stdout echo.
void fatal(std::string_view message);

// Test hook: every line that passes the threshold, after syslog/stdout.
void setObserver(std::function<void(Level, std::string_view)> observer);

// The --stdout line format: "2026-01-02T03:04:05.678Z info message".
std::string formatEcho(Level level, std::string_view message);

template <class... Parts>
void logAt(Level level, const Parts&... parts) {
  if (!enabled(level)) return;
  std::ostringstream s;
  (s << ... << parts);
  write(level, s.str());
}
template <class... P> void error(const P&... p) { logAt(Level::Error, p...); }
template <class... P> void warn(const P&... p) { logAt(Level::Warn, p...); }
template <class... P> void info(const P&... p) { logAt(Level::Info, p...); }
template <class... P> void debug(const P&... p) { logAt(Level::Debug, p...); }
template <class... P> void trace(const P&... p) { logAt(Level::Trace, p...); }

}  // namespace kubos::service::log
