// Logging for services (docs/services.md, "Logging"): syslog with facility
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
[[nodiscard]] std::optional<Level> parseLevel(std::string_view name);
[[nodiscard]] std::string_view levelName(Level level);

struct Options {
  std::string ident;          // the binary name
  Level threshold = Level::Info;
  bool echoStdout = false;    // --stdout
  bool useSyslog = true;      // off in unit tests
  int facility = -1;          // -1: LOG_DAEMON (apps pass LOG_USER)
  // Where warnIfUnheard() looks for a syslog daemon.
  std::string syslogSocket = "/dev/log";
};

// Opens syslog. May be called again (tests, re-configuration).
void init(const Options& options);
const Options& options();
[[nodiscard]] bool enabled(Level level);
void write(Level level, std::string_view message);

// A line a person must see even without --stdout (config errors, port in use):
// stderr as "<ident>: <message>", plus syslog at error level. Not echoed on
// stdout too: with --stdout both usually reach the same terminal.
void fatal(std::string_view message);

// When syslog is the only place lines go (no --stdout) and no daemon listens
// on syslogSocket, says so once on stderr:
//   "<ident>: syslog is unreachable (/dev/log: No such file or directory): log
//    lines are lost; run with --stdout to see them"
// Service::serve calls it once the service is up (so that a start-up error
// stays the one line on stderr).
void warnIfUnheard();

// Test hook: every line that passes the threshold, after syslog/stdout.
void setObserver(std::function<void(Level, std::string_view)> observer);

// The --stdout line format: "2026-01-02T03:04:05.678Z info message".
[[nodiscard]] std::string formatEcho(Level level, std::string_view message);

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
