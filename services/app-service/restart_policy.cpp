#include "restart_policy.h"

#include <algorithm>

namespace kubos::app_service {

std::optional<RestartMode> parseRestartMode(std::string_view s) {
  if (s == "never") return RestartMode::Never;
  if (s == "on-failure") return RestartMode::OnFailure;
  if (s == "always") return RestartMode::Always;
  return std::nullopt;
}

const char* restartModeName(RestartMode m) {
  switch (m) {
    case RestartMode::OnFailure: return "on-failure";
    case RestartMode::Always: return "always";
    default: return "never";
  }
}

std::chrono::milliseconds backoffDelay(int made) {
  constexpr std::chrono::milliseconds first{100}, cap{30'000};
  std::chrono::milliseconds d = first;
  for (int i = 0; i < made && d < cap; ++i) d *= 2;
  return std::min(d, cap);
}

RestartDecision RestartTracker::onExit(bool failed, Clock::time_point now) {
  bool due = policy_.restart == RestartMode::Always || (policy_.restart == RestartMode::OnFailure && failed);
  if (!due) {
    // `never` with rollback: a failure is the end of this version's chances.
    if (policy_.restart == RestartMode::Never && policy_.rollback && failed) return {RestartDecision::GiveUp, {}};
    return {};
  }
  while (!recent_.empty() && now - recent_.front() >= policy_.window) recent_.pop_front();
  if (static_cast<int>(recent_.size()) >= policy_.maxRestarts) return {RestartDecision::GiveUp, {}};
  auto delay = backoffDelay(static_cast<int>(recent_.size()));
  recent_.push_back(now);
  ++restarts_;
  return {RestartDecision::Restart, delay};
}

}  // namespace kubos::app_service
