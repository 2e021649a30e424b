#include "supervisor.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <condition_variable>
#include <cstring>
#include <ctime>
#include <fstream>
#include <sstream>

#include "fsutil.h"
#include "restart_policy.h"
#include "service/log.h"

namespace asio = boost::asio;
namespace slog = kubos::service::log;

namespace kubos::app_service {

namespace {

int pidfdOpen(int pid) { return static_cast<int>(::syscall(SYS_pidfd_open, pid, 0)); }
int pidfdSignal(int fd, int sig) { return static_cast<int>(::syscall(SYS_pidfd_send_signal, fd, sig, nullptr, 0)); }

// The app (our child, started as the leader of its own process group) has
// exited and is not reaped yet: while it is a zombie its pid is still the
// group's id, so whatever it forked and left in the group is SIGKILLed first,
// then the leader is reaped. Returns waitpid's result; the caller holds the
// child's lock, so kill() never signals a reaped pid.
pid_t endGroupAndReap(pid_t leader, int* status) {
  ::kill(-leader, SIGKILL);  // ESRCH when nothing else is left in the group: fine
  pid_t r;
  do {
    r = ::waitpid(leader, status, 0);  // it has exited: this does not block
  } while (r < 0 && errno == EINTR);
  return r;
}

}  // namespace

std::optional<std::string> checkRunLevel(const std::string& level) {
  if (level == kOnBoot || level == kOnCommand) return std::nullopt;
  return "unknown run level '" + level + "' (expected OnBoot or OnCommand)";
}

std::string signalName(int sig) {
  const char* abbrev = sigabbrev_np(sig);
  return abbrev ? std::string("SIG") + abbrev : "signal " + std::to_string(sig);
}

std::uint64_t processStartTime(int pid) {
  std::ifstream f("/proc/" + std::to_string(pid) + "/stat");
  std::string s((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
  // The command name (field 2) may hold spaces and parentheses: skip to the last ')'.
  auto close = s.rfind(')');
  if (close == std::string::npos) return 0;
  std::istringstream in(s.substr(close + 2));
  std::string field;
  // Fields 3..21, then 22 is the start time.
  for (int i = 3; i < 22 && in >> field; ++i) {
  }
  std::uint64_t start = 0;
  in >> start;
  return start;
}

// One start by startApp or -b and the restarts that follow it.
struct Supervisor::Chain {
  AppInfo app;
  std::string runLevel;
  std::optional<std::string> config;
  std::optional<std::vector<std::string>> args;
  RestartTracker tracker;  // loop thread (and launch of a new chain, before anyone else sees it)
  std::unique_ptr<asio::steady_timer> timer;  // backoff; loop thread only
  // Guarded by the supervisor's mu_:
  bool ended = false;       // killApp, setVersion, uninstall, a new start: never restarted again
  bool pending = false;     // waiting for `timer`
  std::int64_t lastStart = 0;
  Chain(const AppInfo& a, std::string level, std::optional<std::string> cfg, std::optional<std::vector<std::string>> av)
      : app(a), runLevel(std::move(level)), config(std::move(cfg)), args(std::move(av)), tracker(a.policy) {}
};

struct Supervisor::Child {
  std::string name, version, runLevel;
  int pid = -1;
  std::int64_t startMs = 0;
  bool ours = true;          // false: re-attached after a restart (not our child, no exit status)
  bool uninstalled = false;  // its version was uninstalled: no status to record
  std::string cgroup;        // its memory-limit cgroup, removed when it ends (if empty by then)
  UniqueFd pidfd;
  std::unique_ptr<asio::posix::stream_descriptor> pidWatch;
  std::array<std::unique_ptr<asio::posix::stream_descriptor>, 2> pipes;
  std::array<std::string, 2> partial;
  std::unique_ptr<asio::steady_timer> graceTimer;
  std::shared_ptr<Chain> chain;                     // null when re-attached
  std::unique_ptr<asio::steady_timer> healthTimer;  // healthy_after_s
  // Guarded by m: the end of the process.
  std::mutex m;
  std::condition_variable cv;
  bool done = false;
  bool reaped = false;  // ours and waited for: its pid may belong to someone else now
  std::optional<int> rc, sig;
};

Supervisor::Supervisor(StatusStore& status, const SupervisorOptions& options)
    : status_(status), options_(options), limiter_(options.cgroupDir), work_(asio::make_work_guard(io_)) {
  thread_ = std::thread([this] {
    for (;;) {
      try {
        io_.run();
        return;
      } catch (const std::exception& e) {
        slog::error("supervisor: ", e.what());  // keep the loop alive
      }
    }
  });
}

Supervisor::~Supervisor() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  work_.reset();
  io_.stop();
  if (thread_.joinable()) thread_.join();
  if (syslogFd_ >= 0) ::close(syslogFd_);
}

std::size_t Supervisor::runningCount() const {
  std::lock_guard lock(mu_);
  return slots_.size();
}

void Supervisor::setHooks(SupervisionHooks hooks) { hooks_ = std::move(hooks); }

StartResult Supervisor::start(const AppInfo& app, const std::string& runLevel, const std::optional<std::string>& config,
                              const std::optional<std::vector<std::string>>& args, bool wait) {
  return launch(app, runLevel, config, args, nullptr, wait);
}

StartResult Supervisor::launch(const AppInfo& app, const std::string& runLevel, const std::optional<std::string>& config,
                               const std::optional<std::vector<std::string>>& args, std::shared_ptr<Chain> chain,
                               bool wait) {
  constexpr const char* prefix = "Failed to start app: ";
  auto child = std::make_shared<Child>();
  child->name = app.name;
  child->version = app.version;
  child->runLevel = runLevel;
  Key key{app.name, runLevel};
  std::vector<std::shared_ptr<Chain>> replaced;
  {
    // Reserve the slot first: the check and the start are one step.
    std::lock_guard lock(mu_);
    if (slots_.count(key)) return {false, std::string(prefix) + "Instance of " + app.name + " already running", {}};
    if (stopping_) return {false, std::string(prefix) + "the service is shutting down", {}};
    if (chain && chain->ended) return {false, std::string(prefix) + "restart cancelled", {}};
    if (!chain) {
      chain = std::make_shared<Chain>(app, runLevel, config, args);
      if (auto old = chains_.find(key); old != chains_.end()) {
        old->second->ended = true;
        replaced.push_back(old->second);
      }
      chains_[key] = chain;
    }
    chain->pending = false;
    slots_[key] = child;
  }
  retire(replaced);
  child->chain = chain;
  auto release = [&] {
    std::lock_guard lock(mu_);
    auto it = slots_.find(key);
    if (it != slots_.end() && it->second == child) slots_.erase(it);
    if (auto ch = chains_.find(key); ch != chains_.end() && ch->second == chain) chains_.erase(ch);
  };

  const std::string exe = app.executable().string();
  const std::string cfg = config.value_or(app.config);
  std::vector<std::string> argvS{exe, "-r", runLevel, "-c", cfg};
  if (args && !args->empty()) {
    argvS.emplace_back("--");
    argvS.insert(argvS.end(), args->begin(), args->end());
  }
  std::array<int, 2> outPipe{-1, -1}, errPipe{-1, -1};
  if (::pipe2(outPipe.data(), O_CLOEXEC) != 0 || ::pipe2(errPipe.data(), O_CLOEXEC) != 0) {
    int e = errno;
    for (int fd : {outPipe[0], outPipe[1], errPipe[0], errPipe[1]})
      if (fd >= 0) ::close(fd);
    release();
    return {false, std::string(prefix) + "Failed to spawn app: cannot create pipes: " + osError(e), {}};
  }
  UniqueFd outR(outPipe[0]), outW(outPipe[1]), errR(errPipe[0]), errW(errPipe[1]);

  // cwd = the version directory, in the child only (the service's never changes); its own process group.
  SpawnSpec spec{exe, std::move(argvS), app.dir, outW.get(), errW.get(), std::nullopt, ""};
  std::string limitLog;
  if (app.memoryLimitMb) {
    auto plan = limiter_.prepare(app.name, runLevel, *app.memoryLimitMb);
    if (plan.cgroup.empty()) spec.addressSpaceLimit = static_cast<std::uint64_t>(*app.memoryLimitMb) << 20;
    spec.cgroup = child->cgroup = plan.cgroup;
    limitLog = ", memory limit " + std::to_string(*app.memoryLimitMb) + " MiB by " + plan.how;
  }
  SpawnResult sr = spawnProcess(spec);
  pid_t pid = sr.pid;
  outW.reset();
  errW.reset();
  if (pid < 0) {
    release();
    return {false, std::string(prefix) + "Failed to spawn app: " + sr.error, {}};
  }
  child->pid = pid;
  child->startMs = nowMs();
  // Unreaped, the child's pid cannot be reused, so the pidfd is the right process.
  child->pidfd.reset(pidfdOpen(pid));
  StatusEntry st;
  st.name = app.name;
  st.version = app.version;
  st.runLevel = runLevel;
  st.startMs = child->startMs;
  st.running = true;
  st.pid = pid;
  st.args = args;
  st.config = cfg;
  st.procStart = processStartTime(pid);
  st.restarts = chain->tracker.restarts();
  st.supervision = app.policy.supervised() ? kSupWatching : kSupNone;
  {
    std::lock_guard lock(mu_);
    chain->lastStart = child->startMs;
  }
  status_.put(st);
  slog::info("started ", app.name, " ", app.version, " (", runLevel, ") as pid ", pid, limitLog);

  auto outFd = outR.release(), errFd = errR.release();
  asio::post(io_, [this, child, outFd, errFd] {
    child->pipes[0] = std::make_unique<asio::posix::stream_descriptor>(io_, outFd);
    child->pipes[1] = std::make_unique<asio::posix::stream_descriptor>(io_, errFd);
    readOutput(child, 0);
    readOutput(child, 1);
    armHealthy(child);
    watch(child);
  });

  if (!wait) return {true, "", pid};
  std::unique_lock lk(child->m);
  bool ended = child->cv.wait_for(lk, options_.startWindow, [&] { return child->done; });
  if (!ended) return {true, "", pid};
  if (child->rc && *child->rc == 0) return {true, "", std::nullopt};
  if (child->sig)
    return {false, std::string(prefix) + "App returned signal: " + std::to_string(*child->sig) + " (" + signalName(*child->sig) + ")", {}};
  return {false, std::string(prefix) + "App returned exit status: " + std::to_string(child->rc.value_or(-1)), {}};
}

void Supervisor::watch(const std::shared_ptr<Child>& c) {
  if (!c->pidfd.valid()) {
    // No pidfd (very old kernel): poll every 20 ms on the loop instead.
    auto t = std::make_shared<asio::steady_timer>(io_, std::chrono::milliseconds(20));
    t->async_wait([this, c, t](const boost::system::error_code& ec) {
      if (ec) return;
      if (c->ours) {
        int status = 0;
        siginfo_t info{};
        if (::waitid(P_PID, static_cast<id_t>(c->pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0 && info.si_pid == c->pid) {
          {
            // Released before onExit, which takes c->m itself.
            std::lock_guard lk(c->m);
            (void)endGroupAndReap(c->pid, &status);
            c->reaped = true;
            if (WIFEXITED(status)) c->rc = WEXITSTATUS(status);
            if (WIFSIGNALED(status)) c->sig = WTERMSIG(status);
          }
          onExit(c);
          return;
        }
      } else if (::kill(c->pid, 0) != 0 && errno == ESRCH) {
        onExit(c);
        return;
      }
      watch(c);
    });
    return;
  }
  c->pidWatch = std::make_unique<asio::posix::stream_descriptor>(io_, ::dup(c->pidfd.get()));
  c->pidWatch->async_wait(asio::posix::stream_descriptor::wait_read, [this, c](const boost::system::error_code& ec) {
    if (ec) return;
    if (c->ours) {
      int status = 0;
      std::lock_guard lk(c->m);
      const pid_t r = endGroupAndReap(c->pid, &status);  // readable pidfd: it has exited
      c->reaped = true;
      if (r == c->pid && WIFEXITED(status)) c->rc = WEXITSTATUS(status);
      if (r == c->pid && WIFSIGNALED(status)) c->sig = WTERMSIG(status);
    }
    onExit(c);
  });
}

void Supervisor::onExit(const std::shared_ptr<Child>& c) {
  std::int64_t end = nowMs();
  // Status and slot first: whoever is woken below sees the exit everywhere.
  if (!c->uninstalled) status_.finish(c->name, c->version, c->runLevel, c->startMs, end, c->rc, c->sig);
  {
    std::lock_guard lock(mu_);
    auto it = slots_.find({c->name, c->runLevel});
    if (it != slots_.end() && it->second == c) slots_.erase(it);
  }
  {
    std::lock_guard lk(c->m);
    c->done = true;
    c->pidfd.reset();  // kill() reads it under the same lock
  }
  c->cv.notify_all();
  if (c->graceTimer) c->graceTimer->cancel();
  c->pidWatch.reset();
  if (!c->cgroup.empty()) ::rmdir(c->cgroup.c_str());  // busy if some child of the app lives on: reused
  if (c->sig)
    slog::info(c->name, " ", c->version, " (", c->runLevel, ", pid ", c->pid, ") killed by ", signalName(*c->sig));
  else if (c->rc)
    slog::info(c->name, " ", c->version, " (", c->runLevel, ", pid ", c->pid, ") exited with status ", *c->rc);
  else
    slog::info(c->name, " ", c->version, " (", c->runLevel, ", pid ", c->pid, ") ended (exit status unknown: re-attached)");
  afterExit(c);
}

void Supervisor::armHealthy(const std::shared_ptr<Child>& c) {
  // Tracked under any policy, so that a version with only `restart` can be a rollback target later.
  if (!c->chain || !c->chain->app.policy.supervised() || c->chain->app.healthy) return;
  c->healthTimer = std::make_unique<asio::steady_timer>(io_, c->chain->app.policy.healthyAfter);
  c->healthTimer->async_wait([this, c](const boost::system::error_code& ec) {
    if (ec) return;
    {
      std::lock_guard lk(c->m);
      if (c->done) return;
    }
    c->chain->app.healthy = true;
    slog::info(c->name, " ", c->version, " is healthy: it ran ", c->chain->app.policy.healthyAfter.count(),
               " ms without failing");
    if (hooks_.healthy) hooks_.healthy(c->chain->app);
  });
}

// The restart policy's turn (restart_policy.h), on the loop thread, once the
// exit is recorded.
void Supervisor::afterExit(const std::shared_ptr<Child>& c) {
  if (c->healthTimer) c->healthTimer->cancel();
  const std::shared_ptr<Chain> ch = c->chain;
  if (!ch) return;  // re-attached: its policy applies again at its next start
  bool failed = c->sig || (c->rc && *c->rc != 0);
  RestartDecision d;
  {
    std::lock_guard lock(mu_);
    if (!ch->ended && !stopping_) d = ch->tracker.onExit(failed, RestartTracker::Clock::now());
    ch->pending = d.kind == RestartDecision::Restart;
    auto it = chains_.find({c->name, c->runLevel});
    if (!ch->pending && it != chains_.end() && it->second == ch) chains_.erase(it);
  }
  if (c->uninstalled) return;
  const RestartPolicy& p = ch->app.policy;
  const char* state = kSupNone;
  if (d.kind == RestartDecision::Restart) {
    state = kSupBackoff;
    slog::info(c->name, " ", c->version, " (", c->runLevel, "): restart ", ch->tracker.restarts(), " in ",
               d.delay.count(), " ms (restart = \"", restartModeName(p.restart), "\", at most ", p.maxRestarts,
               " within ", p.window.count(), " ms)");
    restartLater(ch, d.delay);
  } else if (d.kind == RestartDecision::GiveUp) {
    state = kSupGaveUp;
    if (p.restart == RestartMode::Never)
      slog::warn(c->name, " ", c->version, " (", c->runLevel, ") failed and is not restarted (restart = \"never\")");
    else
      slog::warn(c->name, " ", c->version, " (", c->runLevel, "): gave up after ", ch->tracker.restarts(),
                 " restart(s), at most ", p.maxRestarts, " within ", p.window.count(), " ms; it stays stopped");
    if (hooks_.gaveUp && hooks_.gaveUp(ch->app, ch->runLevel, ch->config, ch->args)) state = kSupRolledBack;
  }
  status_.setSupervision(c->name, c->version, c->runLevel, c->startMs, state);
}

void Supervisor::restartLater(const std::shared_ptr<Chain>& ch, std::chrono::milliseconds delay) {
  ch->timer = std::make_unique<asio::steady_timer>(io_, delay);
  ch->timer->async_wait([this, ch](const boost::system::error_code& ec) {
    if (ec) return;
    {
      std::lock_guard lock(mu_);
      if (ch->ended || stopping_) return;
    }
    StartResult r = launch(ch->app, ch->runLevel, ch->config, ch->args, ch, false);
    if (r.ok) return;
    std::int64_t last = 0;
    {
      std::lock_guard lock(mu_);
      if (ch->ended) return;  // cancelled meanwhile, or a new start took the slot
      ch->pending = false;
      last = ch->lastStart;
    }
    slog::error(ch->app.name, " ", ch->app.version, " (", ch->runLevel, "): restart failed: ", r.error,
                "; gave up, it stays stopped");
    status_.setSupervision(ch->app.name, ch->app.version, ch->runLevel, last, kSupGaveUp);
  });
}

void Supervisor::retire(const std::vector<std::shared_ptr<Chain>>& chains) {
  for (const auto& ch : chains) {
    std::int64_t last = 0;
    bool pending = false;
    {
      std::lock_guard lock(mu_);
      pending = ch->pending;
      ch->pending = false;
      last = ch->lastStart;
    }
    asio::post(io_, [ch] {
      if (ch->timer) ch->timer->cancel();
    });
    if (pending) slog::info(ch->app.name, " ", ch->app.version, " (", ch->runLevel, "): pending restart cancelled");
    if (ch->app.policy.supervised()) status_.setSupervision(ch->app.name, ch->app.version, ch->runLevel, last, kSupNone);
  }
}

void Supervisor::endSupervision(const std::string& name, const std::function<bool(const std::string&)>& which) {
  std::vector<std::shared_ptr<Chain>> ended;
  {
    std::lock_guard lock(mu_);
    for (auto it = chains_.begin(); it != chains_.end();) {
      if (it->first.first == name && which(it->second->app.version)) {
        it->second->ended = true;
        ended.push_back(it->second);
        it = chains_.erase(it);
      } else {
        ++it;
      }
    }
  }
  retire(ended);
}

void Supervisor::readOutput(const std::shared_ptr<Child>& c, int which) {
  auto& p = c->pipes[static_cast<std::size_t>(which)];
  if (!p) return;
  // Two pipes share one buffer object per child: read into a per-call buffer.
  auto buf = std::make_shared<std::array<char, 4096>>();
  p->async_read_some(asio::buffer(*buf), [this, c, which, buf](const boost::system::error_code& ec, std::size_t n) {
    auto& part = c->partial[static_cast<std::size_t>(which)];
    if (ec) {
      if (!part.empty()) logLine(*c, which, part);
      part.clear();
      c->pipes[static_cast<std::size_t>(which)].reset();
      return;
    }
    part.append(buf->data(), n);
    std::size_t pos;
    while ((pos = part.find('\n')) != std::string::npos) {
      logLine(*c, which, std::string_view(part).substr(0, pos));
      part.erase(0, pos + 1);
    }
    while (part.size() > AppLogStore::kMaxLineBytes) {  // a very long line is split, not buffered without bound
      std::size_t cut = splitPoint(part, AppLogStore::kMaxLineBytes);
      logLine(*c, which, std::string_view(part).substr(0, cut));
      part.erase(0, cut);
    }
    readOutput(c, which);
  });
}

void Supervisor::logLine(const Child& c, int which, std::string_view line) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  slog::debug(c.name, "[", c.pid, "] ", which ? "stderr: " : "stdout: ", line);
  if (options_.logs) options_.logs->append(c.name, c.runLevel, which, line, nowMs());
  // syslog under the app's own name: one datagram to /dev/log (RFC 3164 form).
  if (syslogFd_ < 0) {
    syslogFd_ = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    std::strncpy(addr.sun_path, "/dev/log", sizeof addr.sun_path - 1);
    if (syslogFd_ >= 0 && ::connect(syslogFd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
      ::close(syslogFd_);
      syslogFd_ = -2;  // no syslog daemon: lines go to the service log only
    }
  }
  if (syslogFd_ < 0) return;
  int pri = (1 << 3) | (which ? 4 : 6);  // LOG_USER | LOG_WARNING / LOG_INFO
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  localtime_r(&t, &tm);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%b %e %H:%M:%S", &tm);
  std::string msg = "<" + std::to_string(pri) + ">" + stamp + " " + c.name + "[" + std::to_string(c.pid) + "]: " + std::string(line);
  (void)::send(syslogFd_, msg.data(), msg.size(), MSG_NOSIGNAL);
}

Outcome Supervisor::kill(const std::string& name, const std::string& runLevel, int signal) {
  constexpr const char* prefix = "Failed to kill app: ";
  if (auto bad = checkRunLevel(runLevel)) return Outcome::failure(prefix + *bad);
  if (signal < 1 || signal > 31)
    return Outcome::failure(std::string(prefix) + "invalid signal " + std::to_string(signal) + " (expected 1..31)");
  std::shared_ptr<Child> c;
  std::shared_ptr<Chain> waiting;
  {
    std::lock_guard lock(mu_);
    auto it = slots_.find({name, runLevel});
    if (it != slots_.end()) c = it->second;
    auto ch = chains_.find({name, runLevel});
    if (ch != chains_.end()) {
      ch->second->ended = true;  // "never after killApp"
      if (!c && ch->second->pending) waiting = ch->second;
      chains_.erase(ch);
    }
  }
  if (waiting) {
    retire({waiting});
    slog::info("killApp: ", name, " (", runLevel, ") was waiting to restart: not restarted");
    return {};
  }
  if (!c) return Outcome::failure(std::string(prefix) + "No matching monitoring entry found");
  std::lock_guard lk(c->m);
  if (c->done || c->reaped) return Outcome::failure(std::string(prefix) + "No matching monitoring entry found");
  // The whole process group: what the app forked gets the signal too. Our
  // child is unreaped while we hold its lock, so -pid is still its group; a
  // re-attached app is signalled through its pidfd, then its group if it was alive.
  int r = c->ours ? ::kill(-c->pid, signal)
                  : (c->pidfd.valid() ? pidfdSignal(c->pidfd.get(), signal) : ::kill(c->pid, signal));
  if (r != 0) return Outcome::failure(std::string(prefix) + osError(errno));
  if (!c->ours) (void)::kill(-c->pid, signal);
  slog::info("sent ", signalName(signal), " to ", name, " (", runLevel, ", pid ", c->pid, ")");
  return {};
}

void Supervisor::stop(const std::string& name, const std::optional<std::string>& version) {
  endSupervision(name, [&](const std::string& v) { return !version || v == *version; });
  std::vector<std::shared_ptr<Child>> victims;
  {
    std::lock_guard lock(mu_);
    for (auto& [k, c] : slots_)
      if (c->name == name && (!version || c->version == *version)) victims.push_back(c);
  }
  for (auto& c : victims) {
    {
      std::lock_guard lk(c->m);
      if (c->done) continue;
      c->uninstalled = true;
      // The leader is unreaped while we hold it, so its group id is still its own.
      ::kill(-c->pid, SIGTERM);
    }
    slog::info("uninstall: SIGTERM to ", c->name, " ", c->version, " (pid ", c->pid, "), SIGKILL in ",
              options_.killGrace.count(), " ms if still alive");
    asio::post(io_, [this, c] {
      c->graceTimer = std::make_unique<asio::steady_timer>(io_, options_.killGrace);
      c->graceTimer->async_wait([c](const boost::system::error_code& ec) {
        if (ec) return;
        std::lock_guard lk(c->m);
        if (c->done) return;
        slog::warn(c->name, " (pid ", c->pid, ") still alive after the kill grace: SIGKILL");
        ::kill(-c->pid, SIGKILL);
        ::kill(c->pid, SIGKILL);
      });
    });
  }
}

void Supervisor::reattach() {
  for (const auto& e : status_.list(std::nullopt, std::nullopt, true)) {
    bool alive = e.pid && e.procStart != 0 && processStartTime(*e.pid) == e.procStart;
    int fd = alive ? pidfdOpen(*e.pid) : -1;
    if (!alive || fd < 0) {
      status_.finish(e.name, e.version, e.runLevel, e.startMs, nowMs(), std::nullopt, std::nullopt);
      slog::info(e.name, " ", e.version, " (", e.runLevel, ") ended while the service was down");
      continue;
    }
    auto c = std::make_shared<Child>();
    c->name = e.name;
    c->version = e.version;
    c->runLevel = e.runLevel;
    c->pid = *e.pid;
    c->startMs = e.startMs;
    c->ours = false;
    c->pidfd.reset(fd);
    {
      std::lock_guard lock(mu_);
      slots_[{e.name, e.runLevel}] = c;
    }
    slog::info("re-attached ", e.name, " ", e.version, " (", e.runLevel, ", pid ", c->pid, ")");
    asio::post(io_, [this, c] { watch(c); });
  }
  // Chains of runs do not survive the service: a restart that was due is not made.
  for (const auto& e : status_.list(std::nullopt, std::nullopt, std::nullopt)) {
    if (e.supervision != kSupWatching && e.supervision != kSupBackoff) continue;
    status_.setSupervision(e.name, e.version, e.runLevel, e.startMs, kSupNone);
    slog::info(e.name, " ", e.version, " (", e.runLevel, "): its restart policy applies again at its next start");
  }
}

}  // namespace kubos::app_service
