// Restart policy and automatic rollback of an app (manifest.toml keys `restart`,
// `max_restarts`, `restart_window_s`, `rollback`, `healthy_after_s`; see the
// README of this service, "Supervision"). Pure decision logic: no processes, no
// timers, no files, so it is unit-tested on its own; the supervisor acts on it.
#pragma once

#include <chrono>
#include <deque>
#include <optional>
#include <string>
#include <string_view>

namespace kubos::app_service {

enum class RestartMode { Never, OnFailure, Always };

// "never" / "on-failure" / "always"; nullopt for anything else.
std::optional<RestartMode> parseRestartMode(std::string_view s);
const char* restartModeName(RestartMode m);

struct RestartPolicy {
  RestartMode restart = RestartMode::Never;
  int maxRestarts = 5;                               // restarts allowed within `window`
  std::chrono::milliseconds window{300'000};         // restart_window_s
  bool rollback = false;
  std::chrono::milliseconds healthyAfter{30'000};    // healthy_after_s
  // false: the manifest has none of the keys that change behaviour (as KubOS).
  bool supervised() const { return restart != RestartMode::Never || rollback; }
};

// AppStatus.supervision values.
constexpr const char* kSupNone = "none";
constexpr const char* kSupWatching = "watching";
constexpr const char* kSupBackoff = "backoff";
constexpr const char* kSupGaveUp = "gave-up";
constexpr const char* kSupRolledBack = "rolled-back";

// Backoff before the restart that follows `made` restarts within the window:
// 100 ms, doubling each time, at most 30 s.
std::chrono::milliseconds backoffDelay(int made);

struct RestartDecision {
  enum Kind {
    Stop,     // the policy does not restart this exit (or there is no policy)
    Restart,  // restart after `delay`
    GiveUp,   // a restart is due but the limit is reached (or `never` + rollback and it failed)
  } kind = Stop;
  std::chrono::milliseconds delay{0};
};

// The restarts of one chain of runs (a start by startApp or -b, then its
// restarts). Not thread-safe: the supervisor's loop thread owns it.
class RestartTracker {
 public:
  using Clock = std::chrono::steady_clock;
  explicit RestartTracker(RestartPolicy p = {}) : policy_(p) {}

  // The run ended; failed: non-zero exit status or killed by a signal. A
  // Restart decision counts as made (restarts() grows) when returned.
  RestartDecision onExit(bool failed, Clock::time_point now);
  int restarts() const { return restarts_; }
  const RestartPolicy& policy() const { return policy_; }

 private:
  RestartPolicy policy_;
  std::deque<Clock::time_point> recent_;  // restarts made within the window
  int restarts_ = 0;
};

}  // namespace kubos::app_service
