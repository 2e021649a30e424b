// eps-monitor: an example mission app on lib/app. Reads the EPS telemetry from
// sim-eps-service and logs a warning when the battery charge is below a
// threshold.
//   OnCommand: one reading, exit 0 (1 if the service could not be asked).
//   OnBoot:    a reading every --interval seconds until SIGTERM.
// Own arguments (after --): --threshold PERCENT (default 20), --interval SECONDS (default 10).
#include <signal.h>

#include <chrono>
#include <string>

#include "app/app.h"
#include "service/log.h"

namespace slog = kubos::service::log;

namespace {

struct Settings {
  double threshold = 20;
  int interval = 10;
};

Settings parseOwn(const std::vector<std::string>& args) {
  Settings s;
  for (std::size_t i = 0; i < args.size(); ++i) {
    auto next = [&]() -> const std::string& {
      if (i + 1 >= args.size()) throw kubos::app::UsageError(args[i] + " needs a value");
      return args[++i];
    };
    if (args[i] == "--threshold")
      s.threshold = std::stod(next());
    else if (args[i] == "--interval")
      s.interval = std::stoi(next());
    else
      throw kubos::app::UsageError("unknown argument " + args[i] + " (expected --threshold or --interval)");
  }
  return s;
}

// One reading; false if the service could not be asked.
bool check(const kubos::app::Context& ctx, const Settings& s) {
  try {
    auto data = ctx.query("sim-eps-service", "{ telemetry { batteryVoltage batteryCharge } }",
                          std::chrono::milliseconds(2000));
    double charge = data["telemetry"]["batteryCharge"].get<double>();
    double volts = data["telemetry"]["batteryVoltage"].get<double>();
    if (charge < s.threshold)
      slog::warn("battery low: ", charge, " % (", volts, " V), below ", s.threshold, " %");
    else
      slog::info("battery ok: ", charge, " % (", volts, " V)");
    return true;
  } catch (const std::exception& e) {
    slog::error("cannot read the EPS telemetry: ", e.what());
    return false;
  }
}

}  // namespace

int main(int argc, char** argv) {
  kubos::app::Handlers h;
  h.onCommand = [](const kubos::app::Context& ctx) { return check(ctx, parseOwn(ctx.invocation.args)) ? 0 : 1; };
  h.onBoot = [](const kubos::app::Context& ctx) {
    Settings s = parseOwn(ctx.invocation.args);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    sigprocmask(SIG_BLOCK, &set, nullptr);
    for (;;) {
      check(ctx, s);
      timespec wait{s.interval, 0};
      if (sigtimedwait(&set, nullptr, &wait) >= 0) break;  // SIGTERM/SIGINT: stop cleanly
    }
    slog::info("stopping");
    return 0;
  };
  return kubos::app::run(argc, argv, "eps-monitor", "warns when the EPS battery charge is low", h);
}
