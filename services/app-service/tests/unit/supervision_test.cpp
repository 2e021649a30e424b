// Supervisor + restart policy with real processes: restarts on the loop's timers,
// what a restart reuses, what ends a chain of runs, the healthy timer.
#include <gtest/gtest.h>

#include <atomic>
#include <fstream>
#include <thread>

#include "registry.h"
#include "resolvers.h"
#include "supervisor.h"
#include "test_util.h"

using namespace kubos::app_service;
using namespace std::chrono_literals;
using kubos::app_service::testing::TempDir;
namespace fs = std::filesystem;

namespace {
// An app that appends its argv and cwd (one line per start) to runs.txt, then runs `body`.
AppInfo countingApp(const fs::path& dir, const std::string& body, RestartPolicy p) {
  AppInfo a = kubos::app_service::testing::scriptApp(dir, "echo \"$(pwd) $*\" >> runs.txt\n" + body);
  a.policy = p;
  return a;
}
std::vector<std::string> runs(const fs::path& dir) {
  std::ifstream f(dir / "runs.txt");
  std::vector<std::string> out;
  for (std::string l; std::getline(f, l);) out.push_back(l);
  return out;
}
bool waitFor(const std::function<bool()>& pred, std::chrono::milliseconds limit = 5s) {
  auto end = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < end) {
    if (pred()) return true;
    std::this_thread::sleep_for(5ms);
  }
  return pred();
}
std::optional<StatusEntry> entry(StatusStore& st) {
  auto l = st.list("app", std::nullopt, std::nullopt);
  if (l.empty()) return std::nullopt;
  return l.front();
}
std::string supervision(StatusStore& st) {
  auto e = entry(st);
  return e ? e->supervision : "";
}
RestartPolicy onFailure(int max) {
  RestartPolicy p;
  p.restart = RestartMode::OnFailure;
  p.maxRestarts = max;
  p.window = 60s;
  return p;
}
}  // namespace

TEST(Supervision, APP_58_restarts_on_the_loop_with_backoff_then_gives_up) {
  TempDir t;
  StatusStore st(t.path / "journal");
  Supervisor s(st, {50ms, 200ms});
  AppInfo a = countingApp(t.path / "v", "exit 3\n", onFailure(3));
  auto t0 = std::chrono::steady_clock::now();
  auto r = s.start(a, "OnCommand", std::nullopt, std::nullopt);
  EXPECT_FALSE(r.ok);  // the first run fails within the start window, as without a policy
  EXPECT_EQ(r.error, "Failed to start app: App returned exit status: 3");
  ASSERT_TRUE(waitFor([&] { return supervision(st) == kSupGaveUp; })) << supervision(st);
  auto elapsed = std::chrono::steady_clock::now() - t0;
  EXPECT_EQ(runs(t.path / "v").size(), 4u);
  EXPECT_EQ(entry(st)->restarts, 3);
  EXPECT_EQ(*entry(st)->lastRc, 3);
  EXPECT_GE(elapsed, 700ms);  // 100 + 200 + 400 ms of backoff
  EXPECT_EQ(s.runningCount(), 0u);
  std::this_thread::sleep_for(300ms);  // gave up: no fifth start
  EXPECT_EQ(runs(t.path / "v").size(), 4u);
}

TEST(Supervision, APP_59_a_restart_reuses_version_run_level_config_and_args) {
  TempDir t;
  StatusStore st(t.path / "journal");
  Supervisor s(st, {50ms, 200ms});
  AppInfo a = countingApp(t.path / "v", "sleep 0.1; kill -9 $$\n", onFailure(2));
  auto r = s.start(a, "OnBoot", std::string("my.toml"), std::vector<std::string>{"x y", "-z"});
  ASSERT_TRUE(r.ok) << r.error;
  ASSERT_TRUE(waitFor([&] { return supervision(st) == kSupGaveUp; })) << supervision(st);
  auto lines = runs(t.path / "v");
  ASSERT_EQ(lines.size(), 3u);
  std::string want = (t.path / "v").string() + " -r OnBoot -c my.toml -- x y -z";
  for (const auto& l : lines) EXPECT_EQ(l, want);
  auto e = *entry(st);
  EXPECT_EQ(e.runLevel, "OnBoot");
  EXPECT_EQ(e.config, "my.toml");
  EXPECT_EQ(*e.args, (std::vector<std::string>{"x y", "-z"}));
  EXPECT_EQ(*e.lastSignal, 9);
  EXPECT_EQ(e.restarts, 2);
}

TEST(Supervision, APP_60_killApp_ends_the_chain_even_while_waiting_to_restart) {
  TempDir t;
  StatusStore st(t.path / "journal");
  Supervisor s(st, {50ms, 200ms});
  RestartPolicy p = onFailure(100);
  p.restart = RestartMode::Always;
  AppInfo a = countingApp(t.path / "v", "exit 0\n", p);
  ASSERT_TRUE(s.start(a, "OnCommand", std::nullopt, std::nullopt).ok);
  // After two restarts the next backoff is 400 ms: time enough to catch it.
  ASSERT_TRUE(waitFor([&] { return supervision(st) == kSupBackoff && entry(st)->restarts >= 2; }));
  EXPECT_TRUE(s.kill("app", "OnCommand", 15).ok);
  // On a slow machine the backoff may have ended just before the kill, which
  // then ends a running instance: either way the chain ends.
  EXPECT_TRUE(waitFor([&] { return supervision(st) == kSupNone; })) << supervision(st);
  auto n = runs(t.path / "v").size();
  std::this_thread::sleep_for(1s);
  EXPECT_EQ(runs(t.path / "v").size(), n);
  // A running app killed under `always`: not restarted either.
  AppInfo b = countingApp(t.path / "w", "exec sleep 30\n", p);
  b.name = "b";
  ASSERT_TRUE(s.start(b, "OnCommand", std::nullopt, std::nullopt).ok);
  EXPECT_TRUE(s.kill("b", "OnCommand", 9).ok);
  ASSERT_TRUE(waitFor([&] { return st.list("b", std::nullopt, false).size() == 1; }));
  std::this_thread::sleep_for(300ms);
  EXPECT_EQ(runs(t.path / "w").size(), 1u);
  EXPECT_EQ(st.list("b", std::nullopt, std::nullopt).front().supervision, kSupNone);
}

TEST(Supervision, APP_61_end_supervision_and_uninstall_stop_restarts) {
  TempDir t;
  StatusStore st(t.path / "journal");
  Supervisor s(st, {50ms, 200ms});
  AppInfo a = countingApp(t.path / "v", "sleep 0.2; exit 1\n", onFailure(100));
  ASSERT_TRUE(s.start(a, "OnCommand", std::nullopt, std::nullopt).ok);
  s.endSupervision("app", [](const std::string& v) { return v == "1"; });  // what setVersion does
  EXPECT_EQ(supervision(st), kSupNone);
  ASSERT_TRUE(waitFor([&] { return st.list("app", std::nullopt, false).size() == 1; }));
  std::this_thread::sleep_for(300ms);
  EXPECT_EQ(runs(t.path / "v").size(), 1u);
  // uninstall (stop) while it waits to restart.
  ASSERT_TRUE(s.start(a, "OnCommand", std::nullopt, std::nullopt).ok);
  ASSERT_TRUE(waitFor([&] { return supervision(st) == kSupBackoff; }));
  s.stop("app", std::nullopt);
  std::this_thread::sleep_for(300ms);
  EXPECT_EQ(runs(t.path / "v").size(), 2u);
}

TEST(Supervision, APP_62_no_restart_after_the_service_shuts_down) {
  TempDir t;
  StatusStore st(t.path / "journal");
  AppInfo a = countingApp(t.path / "v", "sleep 0.2; exit 1\n", onFailure(100));
  {
    Supervisor s(st, {50ms, 200ms});
    ASSERT_TRUE(s.start(a, "OnCommand", std::nullopt, std::nullopt).ok);
  }  // the service stops; the app keeps running, then fails
  std::this_thread::sleep_for(600ms);
  EXPECT_EQ(runs(t.path / "v").size(), 1u);
  Supervisor again(st, {50ms, 200ms});
  again.reattach();  // the chain of runs did not survive: "none"
  EXPECT_EQ(supervision(st), kSupNone);
}

TEST(Supervision, APP_63_a_run_that_lasts_healthy_after_s_is_reported_healthy_once) {
  TempDir t;
  StatusStore st(t.path / "journal");
  Supervisor s(st, {50ms, 200ms});
  std::atomic<int> healthy{0}, gaveUp{0};
  SupervisionHooks h;
  h.healthy = [&](const AppInfo& a) {
    EXPECT_EQ(a.version, "1");
    ++healthy;
  };
  h.gaveUp = [&](const AppInfo&, const std::string&, const std::optional<std::string>&,
                 const std::optional<std::vector<std::string>>&) {
    ++gaveUp;
    return false;
  };
  s.setHooks(h);
  RestartPolicy p;
  p.rollback = true;
  p.healthyAfter = 200ms;
  AppInfo a = countingApp(t.path / "v", "sleep 0.5\n", p);
  ASSERT_TRUE(s.start(a, "OnCommand", std::nullopt, std::nullopt).ok);
  EXPECT_EQ(supervision(st), kSupWatching);
  ASSERT_TRUE(waitFor([&] { return healthy == 1; }));
  ASSERT_TRUE(waitFor([&] { return st.list("app", std::nullopt, false).size() == 1; }));
  EXPECT_EQ(supervision(st), kSupNone);  // exit 0 under `never`: nothing to do
  // A run that fails before healthy_after_s: gave up (rollback = true, restart = "never").
  AppInfo b = countingApp(t.path / "w", "exit 1\n", p);
  b.name = "b";
  EXPECT_FALSE(s.start(b, "OnCommand", std::nullopt, std::nullopt).ok);
  ASSERT_TRUE(waitFor([&] { return gaveUp == 1; }));
  EXPECT_EQ(healthy, 1);
  ASSERT_TRUE(waitFor([&] { return st.list("b", std::nullopt, std::nullopt).front().supervision == kSupGaveUp; }));
}

TEST(Supervision, APP_64_rollback_picks_the_latest_earlier_healthy_version) {
  TempDir t;
  Registry reg(t.path / "reg", "/etc/kubos-config.toml");
  reg.load();
  StatusStore st(t.path / "journal");
  Supervisor s(st, {50ms, 200ms});
  Models m{reg, st, s};
  installSupervision(m);
  for (const char* v : {"1", "2", "3"}) {
    auto src = kubos::app_service::testing::makeApp(t.path / (std::string("src") + v), "app", v,
                                                    "#!/bin/sh\necho \"$*\" >> runs.txt\nexec sleep 5\n");
    std::ofstream(src / "manifest.toml", std::ios::app) << "rollback = true\n";
    ASSERT_TRUE(reg.registerApp(src.string()).ok);
  }
  ASSERT_TRUE(reg.markHealthy("app", "1"));
  ASSERT_TRUE(reg.markHealthy("app", "2"));
  AppInfo v3 = *reg.activeVersion("app");
  ASSERT_EQ(v3.version, "3");
  EXPECT_TRUE(v3.policy.rollback);
  ASSERT_TRUE(rollBack(m, v3, "OnBoot", std::string("c.toml"), std::vector<std::string>{"a"}));
  EXPECT_EQ(reg.activeVersion("app")->version, "2");
  ASSERT_TRUE(waitFor([&] { return runs(reg.root() / "app/2").size() == 1; }));
  EXPECT_EQ(runs(reg.root() / "app/2")[0], "-r OnBoot -c c.toml -- a");
  // v2 is active and healthy now: when it gives up there is nothing to roll back to.
  AppInfo v2 = *reg.activeVersion("app");
  EXPECT_FALSE(rollBack(m, v2, "OnBoot", std::nullopt, std::nullopt));
  // Healthy survives a reload of the registry.
  Registry again(t.path / "reg", "/etc/kubos-config.toml");
  again.load();
  auto all = again.list("app", std::nullopt, std::nullopt);
  ASSERT_EQ(all.size(), 3u);
  EXPECT_TRUE(all[0].healthy && all[1].healthy && !all[2].healthy);
  EXPECT_LT(all[0].registered, all[1].registered);
  s.stop("app", std::nullopt);
  EXPECT_TRUE(waitFor([&] { return s.runningCount() == 0; }));
}
