// The process supervisor (docs/app-service.md, "Command line of an app",
// "Start window", "Exit codes and signals", "Kill grace"). No GraphQL here.
//
// One event loop (Boost.Asio, one thread) watches every child through its
// pidfd and reads its stdout/stderr pipes; there is no thread per child. Timers
// (kill grace, restart backoff, healthy_after_s) run on the same loop. The
// restart decisions themselves are restart_policy.h's.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>

#include "app_log_store.h"
#include "registry.h"
#include "spawn.h"
#include "status.h"

namespace kubos::app_service {

constexpr const char* kOnBoot = "OnBoot";
constexpr const char* kOnCommand = "OnCommand";
// nullopt if valid, else the message "unknown run level 'X' (expected OnBoot or OnCommand)".
std::optional<std::string> checkRunLevel(const std::string& level);

struct SupervisorOptions {
  std::chrono::milliseconds startWindow{300};
  std::chrono::milliseconds killGrace{2000};
  AppLogStore* logs = nullptr;             // where app output is also kept (appLogs); null: syslog only
  std::optional<std::string> cgroupDir{};  // memory_limit_mb: see MemoryLimiter (spawn.h)
};

struct StartResult {
  bool ok = false;
  std::string error;
  std::optional<int> pid;
};

// What the supervisor cannot do alone (it knows no registry): set by the
// resolvers (installSupervision). Both run on the loop thread.
struct SupervisionHooks {
  // A run under a policy (restart or rollback) lasted healthy_after_s without failing.
  std::function<void(const AppInfo&)> healthy;
  // The chain of runs of `app` gave up; true if another version was made
  // active and started instead (the entry then shows "rolled-back").
  std::function<bool(const AppInfo& app, const std::string& runLevel, const std::optional<std::string>& config,
                     const std::optional<std::vector<std::string>>& args)>
      gaveUp;
};

class Supervisor {
 public:
  Supervisor(StatusStore& status, const SupervisorOptions& options);
  ~Supervisor();  // stops the loop; running apps keep running (re-attached next time)
  Supervisor(const Supervisor&) = delete;
  Supervisor& operator=(const Supervisor&) = delete;

  // Starts `app` unless an instance with this run level runs (one atomic step),
  // then waits for the start window (unless !wait: the loop thread must not).
  // `config` empty: the registered one. Starts a new chain of runs under
  // app.policy (restarts 0), ending the previous chain of (name, run level).
  StartResult start(const AppInfo& app, const std::string& runLevel, const std::optional<std::string>& config,
                    const std::optional<std::vector<std::string>>& args, bool wait = true);
  void setHooks(SupervisionHooks hooks);  // before the first start
  // No more restarts of the chains of `name` whose version `which` selects
  // (setVersion, register, uninstall); running instances keep running.
  void endSupervision(const std::string& name, const std::function<bool(const std::string& version)>& which);
  // killApp: signal 1..31 to the instance of (name, runLevel); that chain of
  // runs is not restarted again. While it waits to restart: cancels the restart.
  Outcome kill(const std::string& name, const std::string& runLevel, int signal);
  // uninstall: SIGTERM to the process group of each instance of name (of that
  // version if given), SIGKILL after the kill grace if it is still alive.
  void stop(const std::string& name, const std::optional<std::string>& version);
  // At start-up: watch the apps the journal says are running, if they still are.
  void reattach();
  // Instances alive now (tests, diagnostics).
  std::size_t runningCount() const;

 private:
  struct Child;
  struct Chain;
  using Key = std::pair<std::string, std::string>;  // (name, run level)
  StartResult launch(const AppInfo& app, const std::string& runLevel, const std::optional<std::string>& config,
                     const std::optional<std::vector<std::string>>& args, std::shared_ptr<Chain> chain, bool wait);
  void armHealthy(const std::shared_ptr<Child>& c);
  void afterExit(const std::shared_ptr<Child>& c);
  void restartLater(const std::shared_ptr<Chain>& ch, std::chrono::milliseconds delay);
  void retire(const std::vector<std::shared_ptr<Chain>>& chains);
  void watch(const std::shared_ptr<Child>& c);
  void readOutput(const std::shared_ptr<Child>& c, int which);
  void onExit(const std::shared_ptr<Child>& c);
  void logLine(const Child& c, int which, std::string_view line);

  StatusStore& status_;
  SupervisorOptions options_;
  MemoryLimiter limiter_;
  boost::asio::io_context io_;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work_;
  mutable std::mutex mu_;
  std::map<Key, std::shared_ptr<Child>> slots_;
  std::map<Key, std::shared_ptr<Chain>> chains_;  // running or waiting to restart
  bool stopping_ = false;                         // the service shuts down: no more restarts
  SupervisionHooks hooks_;
  int syslogFd_ = -1;  // used on the loop thread only
  std::thread thread_;
};

// /proc/<pid>/stat field 22 (start time in clock ticks); 0 if unreadable.
std::uint64_t processStartTime(int pid);
// "SIGTERM" for 15.
std::string signalName(int sig);

}  // namespace kubos::app_service
