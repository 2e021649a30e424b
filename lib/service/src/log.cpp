#include "service/log.h"

#include <sys/socket.h>
#include <sys/un.h>
#include <syslog.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <iostream>
#include <mutex>

namespace kubos::service::log {
namespace {

struct State {
  std::mutex mutex;  // guards options, observer and stdout echo ordering
  Options options;
  std::string syslogIdent;  // openlog keeps the pointer: must outlive it
  bool syslogOpen = false;
  std::function<void(Level, std::string_view)> observer;
  bool unheardChecked = false;  // warnIfUnheard() ran since init()
};

State& state() {
  static State s;
  return s;
}

std::atomic<int> gThreshold{static_cast<int>(Level::Info)};

int syslogPriority(Level level) {
  switch (level) {
    case Level::Error: return LOG_ERR;
    case Level::Warn: return LOG_WARNING;
    case Level::Info: return LOG_INFO;
    case Level::Debug:
    case Level::Trace: return LOG_DEBUG;
  }
  return LOG_INFO;
}

// Whether a syslog daemon listens on `path` (datagram, as syslog(3) tries
// first, then stream). Empty when it does, else why not.
std::string syslogProblem(const std::string& path) {
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  if (path.size() >= sizeof addr.sun_path) return path + ": path too long";
  std::memcpy(addr.sun_path, path.c_str(), path.size() + 1);
  int err = 0;
  for (int type : {SOCK_DGRAM, SOCK_STREAM}) {
    const int fd = ::socket(AF_UNIX, type | SOCK_CLOEXEC, 0);
    if (fd < 0) return path + ": " + std::strerror(errno);
    const int rc = ::connect(fd, reinterpret_cast<const sockaddr*>(&addr), sizeof addr);
    err = errno;
    ::close(fd);
    if (rc == 0) return {};
    if (err != EPROTOTYPE) break;  // wrong socket type: try the other one
  }
  return path + ": " + std::strerror(err);
}

void emit(State& s, Level level, std::string_view message, bool toStderr) {
  // One record per line: control characters (a newline inside a client's
  // query text, say) would split it or forge a second one.
  std::string text(message);
  for (char& c : text)
    if (static_cast<unsigned char>(c) < 0x20 && c != '\t') c = ' ';
  if (s.options.useSyslog && s.syslogOpen) ::syslog(syslogPriority(level), "%s", text.c_str());
  if (toStderr) {
    std::cerr << (s.options.ident.empty() ? std::string("service") : s.options.ident) << ": " << text << '\n';
    std::cerr.flush();
  }
  if (s.options.echoStdout && !toStderr) {
    std::cout << formatEcho(level, text) << '\n';
    std::cout.flush();
  }
  if (s.observer) s.observer(level, text);
}

}  // namespace

std::optional<Level> parseLevel(std::string_view name) {
  if (name == "error") return Level::Error;
  if (name == "warn") return Level::Warn;
  if (name == "info") return Level::Info;
  if (name == "debug") return Level::Debug;
  if (name == "trace") return Level::Trace;
  return std::nullopt;
}

std::string_view levelName(Level level) {
  switch (level) {
    case Level::Error: return "error";
    case Level::Warn: return "warn";
    case Level::Info: return "info";
    case Level::Debug: return "debug";
    case Level::Trace: return "trace";
  }
  return "info";
}

void init(const Options& options) {
  State& s = state();
  std::lock_guard lock(s.mutex);
  if (s.syslogOpen) {
    ::closelog();
    s.syslogOpen = false;
  }
  s.options = options;
  gThreshold.store(static_cast<int>(options.threshold));
  if (options.useSyslog) {
    s.syslogIdent = options.ident;
    ::openlog(s.syslogIdent.c_str(), LOG_PID | LOG_NDELAY, options.facility < 0 ? LOG_DAEMON : options.facility);
    s.syslogOpen = true;
  }
  s.unheardChecked = false;
}

const Options& options() { return state().options; }

bool enabled(Level level) { return static_cast<int>(level) <= gThreshold.load(std::memory_order_relaxed); }

void write(Level level, std::string_view message) {
  if (!enabled(level)) return;
  State& s = state();
  std::lock_guard lock(s.mutex);
  emit(s, level, message, false);
}

void fatal(std::string_view message) {
  State& s = state();
  std::lock_guard lock(s.mutex);
  emit(s, Level::Error, message, true);
}

void warnIfUnheard() {
  State& s = state();
  std::lock_guard lock(s.mutex);
  if (s.unheardChecked) return;
  s.unheardChecked = true;
  // Without --stdout, syslog is the only place lines go: a service that
  // prints nothing at all would look dead.
  if (!s.options.useSyslog || s.options.echoStdout) return;
  const std::string problem = syslogProblem(s.options.syslogSocket);
  if (problem.empty()) return;
  std::cerr << (s.options.ident.empty() ? std::string("service") : s.options.ident) << ": syslog is unreachable ("
            << problem << "): log lines are lost; run with --stdout to see them\n";
  std::cerr.flush();
}

void setObserver(std::function<void(Level, std::string_view)> observer) {
  State& s = state();
  std::lock_guard lock(s.mutex);
  s.observer = std::move(observer);
}

std::string formatEcho(Level level, std::string_view message) {
  using namespace std::chrono;
  const auto now = system_clock::now();
  const std::time_t secs = system_clock::to_time_t(now);
  const auto millis = duration_cast<milliseconds>(now.time_since_epoch()).count() % 1000;
  std::tm tm{};
  ::gmtime_r(&secs, &tm);
  char stamp[64];
  std::snprintf(stamp, sizeof stamp, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1,
                tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(millis));
  std::string line(stamp);
  line += ' ';
  line += levelName(level);
  line += ' ';
  line += message;
  return line;
}

}  // namespace kubos::service::log
