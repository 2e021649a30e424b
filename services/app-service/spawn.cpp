#include "spawn.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "fsutil.h"

extern char** environ;

namespace fs = std::filesystem;

namespace kubos::app_service {

std::string osError(int e) { return std::string(std::strerror(e)) + " (os error " + std::to_string(e) + ")"; }

namespace {

// What the child reports through the pipe when it cannot exec.
struct ChildFailure {
  int stage;  // 0 exec/chdir/stdio, 1 cgroup, 2 RLIMIT_AS
  int error;
};

[[noreturn]] void childFail(int pipeFd, int stage) {
  ChildFailure f{stage, errno};
  (void)!::write(pipeFd, &f, sizeof f);
  ::_exit(127);
}

// dup2 that also works when from == to (then only close-on-exec is cleared).
bool moveFd(int from, int to) {
  if (from == to) return ::fcntl(to, F_SETFD, 0) == 0;
  return ::dup2(from, to) == to;
}

bool writeFile(const fs::path& p, const std::string& text) {
  UniqueFd f(::open(p.c_str(), O_WRONLY | O_CLOEXEC));
  return f.valid() && ::write(f.get(), text.data(), text.size()) == static_cast<ssize_t>(text.size());
}

bool hasMemoryController(const fs::path& dir) {
  std::ifstream f(dir / "cgroup.controllers");
  std::string word;
  while (f >> word)
    if (word == "memory") return true;
  return false;
}

}  // namespace

SpawnResult spawnProcess(const SpawnSpec& spec) {
  // Everything the child needs, prepared before the fork.
  std::vector<char*> argv;
  std::vector<std::string> args = spec.argv;
  argv.reserve(args.size() + 1);
  for (auto& s : args) argv.push_back(s.data());
  argv.push_back(nullptr);
  UniqueFd devNull(::open("/dev/null", O_RDONLY | O_CLOEXEC));
  if (!devNull.valid()) return {-1, "cannot open /dev/null: " + osError(errno)};
  UniqueFd procs;
  if (!spec.cgroup.empty()) {
    procs.reset(::open((fs::path(spec.cgroup) / "cgroup.procs").c_str(), O_WRONLY | O_CLOEXEC));
    if (!procs.valid()) return {-1, "cannot join cgroup " + spec.cgroup + ": " + osError(errno)};
  }
  rlimit as{};
  if (spec.addressSpaceLimit) as.rlim_cur = as.rlim_max = *spec.addressSpaceLimit;
  int report[2];
  if (::pipe2(report, O_CLOEXEC) != 0) return {-1, "cannot create a pipe: " + osError(errno)};
  UniqueFd reportR(report[0]), reportW(report[1]);

  // No signal handler of the service may run in the child before exec.
  sigset_t all, old, none;
  sigfillset(&all);
  sigemptyset(&none);
  ::pthread_sigmask(SIG_SETMASK, &all, &old);
  pid_t pid = ::fork();
  if (pid == 0) {
    for (int sig = 1; sig < NSIG; ++sig) {
      struct sigaction sa {};
      sa.sa_handler = SIG_DFL;
      (void)::sigaction(sig, &sa, nullptr);  // fails harmlessly for SIGKILL, SIGSTOP and glibc's own
    }
    int w = reportW.get();
    if (!moveFd(devNull.get(), 0) || !moveFd(spec.stdoutFd, 1) || !moveFd(spec.stderrFd, 2)) childFail(w, 0);
    // The cgroup first: everything the app allocates counts.
    if (procs.valid() && ::write(procs.get(), "0", 1) != 1) childFail(w, 1);
    if (spec.addressSpaceLimit && ::setrlimit(RLIMIT_AS, &as) != 0) childFail(w, 2);
    if (::chdir(spec.cwd.c_str()) != 0) childFail(w, 0);
    if (::setpgid(0, 0) != 0) childFail(w, 0);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);
    ::execve(spec.exe.c_str(), argv.data(), environ);
    childFail(w, 0);
  }
  int forkErr = errno;
  ::pthread_sigmask(SIG_SETMASK, &old, nullptr);
  if (pid < 0) return {-1, osError(forkErr)};
  reportW.reset();
  ChildFailure f{};
  ssize_t n;
  do {
    n = ::read(reportR.get(), &f, sizeof f);  // EOF: the exec happened
  } while (n < 0 && errno == EINTR);
  if (n != static_cast<ssize_t>(sizeof f)) return {pid, ""};
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
  if (f.stage == 1) return {-1, "cannot join cgroup " + spec.cgroup + ": " + osError(f.error)};
  if (f.stage == 2) return {-1, "cannot set RLIMIT_AS: " + osError(f.error)};
  return {-1, osError(f.error)};
}

MemoryLimiter::MemoryLimiter(std::optional<std::string> cgroupDir) : configured_(std::move(cgroupDir)) {}

void MemoryLimiter::findBase() {
  checked_ = true;
  fs::path dir;
  if (configured_) {
    if (configured_->empty()) {
      unavailable_ = "cgroup-dir is \"\"";
      return;
    }
    dir = *configured_;
  } else {
    std::ifstream mounts("/proc/self/mounts");
    std::string line;
    while (std::getline(mounts, line)) {
      std::istringstream in(line);
      std::string dev, point, type;
      if (in >> dev >> point >> type && type == "cgroup2") {
        dir = fs::path(point) / "kubos-apps";
        break;
      }
    }
    if (dir.empty()) {
      unavailable_ = "no cgroup v2 hierarchy is mounted";
      return;
    }
  }
  fs::path parent = dir.parent_path();
  if (!hasMemoryController(dir) && !hasMemoryController(parent)) {
    unavailable_ = "no memory controller in the cgroup v2 hierarchy at " + parent.string();
    return;
  }
  (void)writeFile(parent / "cgroup.subtree_control", "+memory");  // may already be on, or delegated
  if (::mkdir(dir.c_str(), 0755) != 0 && errno != EEXIST) {
    unavailable_ = "cannot create " + dir.string() + ": " + osError(errno);
    return;
  }
  if (!hasMemoryController(dir)) {
    unavailable_ = "the memory controller is not enabled for " + dir.string();
    return;
  }
  if (!writeFile(dir / "cgroup.subtree_control", "+memory")) {
    unavailable_ = "cannot enable the memory controller below " + dir.string() + ": " + osError(errno);
    return;
  }
  base_ = dir.string();
}

MemoryLimiter::Plan MemoryLimiter::prepare(const std::string& name, const std::string& runLevel,
                                           std::int64_t megabytes) {
  std::lock_guard lock(mu_);
  if (!checked_) findBase();
  if (base_.empty()) return {"", "RLIMIT_AS (" + unavailable_ + ")"};
  // One leaf per (name, run level), reused by the next start; names are validated.
  fs::path leaf = fs::path(base_) / (name + "." + runLevel);
  if (::mkdir(leaf.c_str(), 0755) != 0 && errno != EEXIST)
    return {"", "RLIMIT_AS (cannot create " + leaf.string() + ": " + osError(errno) + ")"};
  std::string bytes = std::to_string(static_cast<std::uint64_t>(megabytes) << 20);
  if (!writeFile(leaf / "memory.max", bytes))
    return {"", "RLIMIT_AS (cannot write " + (leaf / "memory.max").string() + ": " + osError(errno) + ")"};
  (void)writeFile(leaf / "memory.swap.max", "0");   // no way around the limit through swap
  (void)writeFile(leaf / "memory.oom.group", "1");  // the OOM killer ends the whole app
  return {leaf.string(), "cgroup v2 memory.max (" + leaf.string() + ")"};
}

}  // namespace kubos::app_service
