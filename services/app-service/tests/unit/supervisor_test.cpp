#include "supervisor.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <csignal>
#include <fstream>
#include <thread>

#include "test_util.h"

using namespace kubos::app_service;
using kubos::app_service::testing::scriptApp;
using kubos::app_service::testing::TempDir;
using kubos::app_service::testing::writeFile;
namespace fs = std::filesystem;

namespace {
bool waitFor(const std::function<bool()>& pred, int ms = 3000) {
  auto end = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
  while (std::chrono::steady_clock::now() < end) {
    if (pred()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return pred();
}
}  // namespace

TEST(Supervisor, APP_50_argv_cwd_and_exit_codes) {
  TempDir t;
  StatusStore st(t.path / "journal");
  Supervisor s(st, {std::chrono::milliseconds(300), std::chrono::milliseconds(200)});
  AppInfo a = scriptApp(t.path / "v", "pwd > out.txt; for x in \"$@\"; do echo \"$x\" >> out.txt; done\nexit 0\n");
  auto r = s.start(a, "OnBoot", std::nullopt, std::vector<std::string>{"a b", "c"});
  EXPECT_TRUE(r.ok) << r.error;
  EXPECT_FALSE(r.pid);
  std::ifstream f(t.path / "v/out.txt");
  std::string all((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
  EXPECT_EQ(all, (t.path / "v").string() + "\n-r\nOnBoot\n-c\n/etc/kubos-config.toml\n--\na b\nc\n");

  AppInfo b = scriptApp(t.path / "w", "exit 7\n");
  r = s.start(b, "OnCommand", std::nullopt, std::nullopt);
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.error, "Failed to start app: App returned exit status: 7");
  auto e = st.list(std::nullopt, std::nullopt, std::nullopt);
  ASSERT_EQ(e.size(), 2u);
  EXPECT_EQ(*e[1].lastRc, 7);

  AppInfo c = scriptApp(t.path / "x", "kill -9 $$\n");
  r = s.start(c, "OnCommand", std::nullopt, std::nullopt);
  EXPECT_EQ(r.error, "Failed to start app: App returned signal: 9 (SIGKILL)");
}

TEST(Supervisor, APP_51_one_instance_per_run_level_and_kill) {
  TempDir t;
  StatusStore st(t.path / "journal");
  Supervisor s(st, {std::chrono::milliseconds(50), std::chrono::milliseconds(200)});
  AppInfo a = scriptApp(t.path / "v", "exec sleep 30\n");
  auto r1 = s.start(a, "OnCommand", std::nullopt, std::nullopt);
  ASSERT_TRUE(r1.ok && r1.pid) << r1.error;
  auto r2 = s.start(a, "OnCommand", std::nullopt, std::nullopt);
  EXPECT_EQ(r2.error, "Failed to start app: Instance of app already running");
  auto r3 = s.start(a, "OnBoot", std::nullopt, std::nullopt);
  EXPECT_TRUE(r3.ok && r3.pid);
  EXPECT_FALSE(s.kill("app", "OnCommand", 0).ok);
  EXPECT_FALSE(s.kill("app", "Sometimes", 15).ok);
  EXPECT_TRUE(s.kill("app", "OnCommand", 2).ok);
  ASSERT_TRUE(waitFor([&] { return st.list(std::nullopt, std::nullopt, true).size() == 1; }, 100));
  auto ended = st.list(std::nullopt, std::nullopt, false);
  ASSERT_EQ(ended.size(), 1u);
  EXPECT_EQ(*ended[0].lastSignal, 2);
  EXPECT_FALSE(ended[0].lastRc);
  EXPECT_EQ(s.kill("app", "OnCommand", 15).error, "Failed to kill app: No matching monitoring entry found");
  s.stop("app", std::nullopt);
  EXPECT_TRUE(waitFor([&] { return s.runningCount() == 0; }, 1000));
  EXPECT_NE(::kill(*r3.pid, 0), 0);  // reaped
}

TEST(Supervisor, APP_52_kill_grace_escalates_to_sigkill) {
  TempDir t;
  StatusStore st(t.path / "journal");
  Supervisor s(st, {std::chrono::milliseconds(50), std::chrono::milliseconds(300)});
  AppInfo a = scriptApp(t.path / "v", "trap '' TERM\nwhile true; do sleep 0.05; done\n");
  auto r = s.start(a, "OnCommand", std::nullopt, std::nullopt);
  ASSERT_TRUE(r.ok && r.pid);
  auto t0 = std::chrono::steady_clock::now();
  s.stop("app", std::nullopt);
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  EXPECT_EQ(::kill(*r.pid, 0), 0);  // ignored SIGTERM
  ASSERT_TRUE(waitFor([&] { return s.runningCount() == 0; }, 2000));
  EXPECT_GE(std::chrono::steady_clock::now() - t0, std::chrono::milliseconds(290));
  EXPECT_NE(::kill(*r.pid, 0), 0);
}

TEST(Supervisor, APP_53_spawn_failure_is_an_error) {
  TempDir t;
  StatusStore st(t.path / "journal");
  Supervisor s(st, {std::chrono::milliseconds(50), std::chrono::milliseconds(200)});
  AppInfo a = scriptApp(t.path / "v", "exit 0\n");
  fs::permissions(t.path / "v/app", fs::perms::owner_read | fs::perms::owner_write);
  auto r = s.start(a, "OnCommand", std::nullopt, std::nullopt);
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.error, "Failed to start app: Failed to spawn app: Permission denied (os error 13)");
  EXPECT_EQ(s.runningCount(), 0u);
}

TEST(Supervisor, APP_75_memory_limit_without_cgroup_is_rlimit_as_before_exec) {
  TempDir t;
  StatusStore st(t.path / "journal");
  SupervisorOptions o{std::chrono::milliseconds(300), std::chrono::milliseconds(200)};
  o.cgroupDir = "";  // never a cgroup: RLIMIT_AS
  Supervisor s(st, o);
  // The app's own view of its limit, from its first instruction on (ulimit -v is in KiB).
  AppInfo a = scriptApp(t.path / "v", "ulimit -v > limit.txt\nexit 0\n");
  a.memoryLimitMb = 48;
  auto r = s.start(a, "OnCommand", std::nullopt, std::nullopt);
  ASSERT_TRUE(r.ok) << r.error;
  std::ifstream f(t.path / "v/limit.txt");
  std::string limit;
  f >> limit;
  EXPECT_EQ(limit, std::to_string(48 * 1024));
  // Without the key: no limit, as before.
  AppInfo b = scriptApp(t.path / "w", "ulimit -v > limit.txt\nexit 0\n");
  ASSERT_TRUE(s.start(b, "OnCommand", std::nullopt, std::nullopt).ok);
  std::ifstream g(t.path / "w/limit.txt");
  g >> limit;
  EXPECT_EQ(limit, "unlimited");
}

TEST(Supervisor, APP_76_memory_limit_joins_a_cgroup_with_memory_max_before_exec) {
  // A stand-in for a cgroup v2 directory (the files the kernel would provide).
  TempDir t;
  fs::path cg = t.path / "cg", base = cg / "kubos-apps", leaf = base / "app.OnCommand";
  writeFile(cg / "cgroup.controllers", "cpu memory pids\n");
  writeFile(cg / "cgroup.subtree_control", "");
  writeFile(base / "cgroup.controllers", "memory\n");
  writeFile(base / "cgroup.subtree_control", "");
  writeFile(leaf / "memory.max", "max\n");
  writeFile(leaf / "cgroup.procs", "");
  StatusStore st(t.path / "journal");
  SupervisorOptions o{std::chrono::milliseconds(300), std::chrono::milliseconds(200)};
  o.cgroupDir = base.string();
  Supervisor s(st, o);
  AppInfo a = scriptApp(t.path / "v", "ulimit -v > limit.txt\nexit 0\n");
  a.memoryLimitMb = 64;
  auto r = s.start(a, "OnCommand", std::nullopt, std::nullopt);
  ASSERT_TRUE(r.ok) << r.error;
  auto slurp = [](const fs::path& p) {
    std::ifstream f(p);
    return std::string((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
  };
  EXPECT_EQ(slurp(leaf / "memory.max"), std::to_string(64ull << 20));
  EXPECT_EQ(slurp(leaf / "cgroup.procs"), "0");  // the child joined itself, before exec
  EXPECT_EQ(slurp(base / "cgroup.subtree_control"), "+memory");
  EXPECT_EQ(slurp(t.path / "v/limit.txt"), "unlimited\n");  // the cgroup, not RLIMIT_AS
}

TEST(Supervisor, APP_77_output_is_kept_in_the_app_log_store) {
  TempDir t;
  StatusStore st(t.path / "journal");
  AppLogStore logs(t.path / "logs", 1 << 20);
  SupervisorOptions o{std::chrono::milliseconds(300), std::chrono::milliseconds(200)};
  o.logs = &logs;
  Supervisor s(st, o);
  // A 9000-byte line, a line on stderr with CRLF, and a last line without newline.
  AppInfo a = scriptApp(t.path / "v",
                        "head -c 9000 /dev/zero | tr '\\0' x; echo\nprintf 'err\\r\\n' >&2\nprintf 'tail'\nexit 3\n");
  auto r = s.start(a, "OnBoot", std::nullopt, std::nullopt);
  EXPECT_FALSE(r.ok);
  ASSERT_TRUE(waitFor([&] { return logs.read("app", "OnBoot", 0, 100).lines.size() == 5; }, 3000));
  auto p = logs.read("app", "OnBoot", 0, 100);
  std::string joined;
  std::vector<std::string> rest;
  for (const auto& l : p.lines) {
    if (l.text.find_first_not_of('x') == std::string::npos && !l.text.empty()) {
      EXPECT_LE(l.text.size(), AppLogStore::kMaxLineBytes);
      joined += l.text;
    } else {
      rest.push_back((l.stream ? "stderr:" : "stdout:") + l.text);
    }
  }
  EXPECT_EQ(joined, std::string(9000, 'x'));
  std::sort(rest.begin(), rest.end());  // the two pipes are read independently
  EXPECT_EQ(rest, (std::vector<std::string>{"stderr:err", "stdout:tail"}));
}
