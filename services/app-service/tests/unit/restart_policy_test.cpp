// restart_policy.h: the decisions alone, on a fake clock (no processes).
#include "restart_policy.h"

#include <gtest/gtest.h>

#include <tuple>

#include "manifest.h"

using namespace kubos::app_service;
using namespace std::chrono_literals;
using Clock = RestartTracker::Clock;

namespace {
RestartPolicy policy(RestartMode m, int max = 5, std::chrono::milliseconds window = 300s) {
  RestartPolicy p;
  p.restart = m;
  p.maxRestarts = max;
  p.window = window;
  return p;
}
const char* manifestHead = "name = \"a\"\nversion = \"1\"\nauthor = \"u\"\n";
}  // namespace

TEST(Manifest, APP_54_supervision_keys_and_defaults) {
  auto fields = [](const std::string& extra) {
    RestartPolicy p = parseManifest(std::string(manifestHead) + extra).policy;
    return std::tuple(restartModeName(p.restart), p.maxRestarts, p.window.count(), p.rollback, p.healthyAfter.count(),
                      p.supervised());
  };
  EXPECT_EQ(fields(""), std::tuple(std::string("never"), 5, 300000, false, 30000, false));
  EXPECT_EQ(fields("restart = \"on-failure\"\nmax_restarts = 3\nrestart_window_s = 10\nrollback = true\n"
                   "healthy_after_s = 0.5\n"),
            std::tuple(std::string("on-failure"), 3, 10000, true, 500, true));
  EXPECT_EQ(parseManifest(std::string(manifestHead) + "restart = \"always\"\n").policy.restart, RestartMode::Always);
  EXPECT_TRUE(parseManifest(std::string(manifestHead) + "rollback = true\n").policy.supervised());
}

TEST(Manifest, APP_69_bad_supervision_keys_name_the_field) {
  auto err = [](const std::string& extra) {
    try {
      parseManifest(std::string(manifestHead) + extra);
    } catch (const ManifestError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_EQ(err("restart = \"sometimes\"\n"),
            "Failed to parse manifest.toml: field `restart` must be \"never\", \"on-failure\" or \"always\" (got \"sometimes\")");
  EXPECT_EQ(err("restart = 1\n"), "Failed to parse manifest.toml: field `restart` must be a string (got integer)");
  EXPECT_EQ(err("max_restarts = \"3\"\n"), "Failed to parse manifest.toml: field `max_restarts` must be an integer (got string)");
  EXPECT_EQ(err("max_restarts = -1\n"), "Failed to parse manifest.toml: field `max_restarts` must be 0..10000 (got -1)");
  EXPECT_EQ(err("restart_window_s = 0\n"),
            "Failed to parse manifest.toml: field `restart_window_s` must be more than 0 and at most 604800 seconds (7 days)");
  EXPECT_EQ(err("healthy_after_s = true\n"),
            "Failed to parse manifest.toml: field `healthy_after_s` must be a number of seconds (got boolean)");
  EXPECT_EQ(err("healthy_after_s = nan\n"),
            "Failed to parse manifest.toml: field `healthy_after_s` must be more than 0 and at most 604800 seconds (7 days)");
  EXPECT_EQ(err("rollback = \"yes\"\n"), "Failed to parse manifest.toml: field `rollback` must be a boolean (got string)");
}

TEST(AppToml, APP_63_healthy_and_registered_round_trip) {
  AppToml a{true, 42, "dummy", "/r/dummy/0.0.1/dummy", "0.0.1", "user", std::nullopt, false, 0};
  std::string plain = writeAppToml(a);
  EXPECT_EQ(plain.find("healthy"), std::string::npos);  // written only when true: KubOS's form otherwise
  EXPECT_EQ(plain.find("registered"), std::string::npos);
  a.healthy = true;
  a.registered = 41;
  AppToml b = parseAppToml(writeAppToml(a));
  EXPECT_TRUE(b.healthy);
  EXPECT_EQ(b.registered, 41);
  EXPECT_FALSE(parseAppToml(plain).healthy);
}

TEST(RestartPolicy, APP_55_which_exits_are_restarted) {
  auto t = Clock::now();
  RestartTracker never(policy(RestartMode::Never));
  EXPECT_EQ(never.onExit(true, t).kind, RestartDecision::Stop);
  EXPECT_EQ(never.onExit(false, t).kind, RestartDecision::Stop);
  RestartTracker onFailure(policy(RestartMode::OnFailure));
  EXPECT_EQ(onFailure.onExit(false, t).kind, RestartDecision::Stop);  // exit 0
  EXPECT_EQ(onFailure.onExit(true, t).kind, RestartDecision::Restart);
  RestartTracker always(policy(RestartMode::Always));
  EXPECT_EQ(always.onExit(false, t).kind, RestartDecision::Restart);
  EXPECT_EQ(always.onExit(true, t).kind, RestartDecision::Restart);
  EXPECT_EQ(always.restarts(), 2);
  // `never` with rollback: a failure gives up (so that the rollback can happen), a clean exit does not.
  RestartPolicy rb = policy(RestartMode::Never);
  rb.rollback = true;
  RestartTracker neverRb(rb);
  EXPECT_EQ(neverRb.onExit(false, t).kind, RestartDecision::Stop);
  EXPECT_EQ(neverRb.onExit(true, t).kind, RestartDecision::GiveUp);
  EXPECT_EQ(neverRb.restarts(), 0);
}

TEST(RestartPolicy, APP_56_limit_within_the_window) {
  auto t = Clock::now();
  RestartTracker tr(policy(RestartMode::OnFailure, 3, 10s));
  for (int i = 0; i < 3; ++i) EXPECT_EQ(tr.onExit(true, t + i * 1s).kind, RestartDecision::Restart) << i;
  EXPECT_EQ(tr.onExit(true, t + 3s).kind, RestartDecision::GiveUp);
  EXPECT_EQ(tr.restarts(), 3);
  // Once the first restart has left the window, one more is allowed.
  EXPECT_EQ(tr.onExit(true, t + 10s).kind, RestartDecision::Restart);
  EXPECT_EQ(tr.restarts(), 4);
  RestartTracker none(policy(RestartMode::Always, 0));
  EXPECT_EQ(none.onExit(true, t).kind, RestartDecision::GiveUp);
}

TEST(RestartPolicy, APP_57_backoff_doubles_from_100_ms_to_30_s) {
  EXPECT_EQ(backoffDelay(0), 100ms);
  EXPECT_EQ(backoffDelay(1), 200ms);
  EXPECT_EQ(backoffDelay(2), 400ms);
  EXPECT_EQ(backoffDelay(8), 25600ms);
  EXPECT_EQ(backoffDelay(9), 30s);
  EXPECT_EQ(backoffDelay(10000), 30s);
  auto t = Clock::now();
  RestartTracker tr(policy(RestartMode::Always, 100, 3600s));
  std::chrono::milliseconds expect = 100ms;
  for (int i = 0; i < 12; ++i) {
    auto d = tr.onExit(true, t + i * 1s);
    ASSERT_EQ(d.kind, RestartDecision::Restart);
    EXPECT_EQ(d.delay, expect) << i;
    expect = std::min<std::chrono::milliseconds>(expect * 2, 30s);
  }
  // The backoff starts again from 100 ms once earlier restarts have left the window.
  RestartTracker w(policy(RestartMode::Always, 100, 5s));
  EXPECT_EQ(w.onExit(true, t).delay, 100ms);
  EXPECT_EQ(w.onExit(true, t + 1s).delay, 200ms);
  EXPECT_EQ(w.onExit(true, t + 60s).delay, 100ms);
}
