// Starting an app's process, and its memory limit (docs/app-service.md,
// "Memory limit"). No GraphQL here.
//
// fork + exec rather than posix_spawn, because RLIMIT_AS and joining a cgroup
// must happen in the child before exec (posix_spawn can do neither; prlimit or
// a cgroup move after the spawn would race with the app's first allocations).
// Between fork and exec the child calls only async-signal-safe functions on
// data prepared before the fork (the service is multi-threaded), and reports a
// failure through a close-on-exec pipe, so the caller learns of it exactly as
// posix_spawn would tell it.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace kubos::app_service {

// "Permission denied (os error 13)"
std::string osError(int e);

struct SpawnSpec {
  std::string exe;                                 // absolute path, executed without a shell
  std::vector<std::string> argv;                   // argv[0] included
  std::filesystem::path cwd;                       // the child's working directory
  int stdoutFd = -1, stderrFd = -1;                // become 1 and 2; stdin is /dev/null
  std::optional<std::uint64_t> addressSpaceLimit;  // RLIMIT_AS in bytes
  std::string cgroup;                              // cgroup v2 directory to join before exec ("" none)
};

struct SpawnResult {
  pid_t pid = -1;     // > 0: running, in its own process group, signals at their defaults
  std::string error;  // "" on success, else e.g. "Permission denied (os error 13)"
};

SpawnResult spawnProcess(const SpawnSpec& spec);

// Where an app's memory limit goes: a cgroup v2 leaf with memory.max (the app
// and all its children together) when the service can make one, else
// RLIMIT_AS (each process's address space). Thread-safe.
class MemoryLimiter {
 public:
  // cgroupDir: the cgroup v2 directory under which each (name, run level) gets
  // a leaf; nullopt: <cgroup2 mount>/kubos-apps; "": never use cgroups.
  explicit MemoryLimiter(std::optional<std::string> cgroupDir);

  struct Plan {
    std::string cgroup;  // the leaf to join, or "" for RLIMIT_AS
    std::string how;     // for the log: "cgroup v2 memory.max (DIR)" or "RLIMIT_AS (why no cgroup)"
  };
  Plan prepare(const std::string& name, const std::string& runLevel, std::int64_t megabytes);

 private:
  void findBase();  // under mu_, once

  std::optional<std::string> configured_;
  std::mutex mu_;
  bool checked_ = false;
  std::string base_;         // usable cgroup directory, or ""
  std::string unavailable_;  // why not, when base_ is ""
};

}  // namespace kubos::app_service
