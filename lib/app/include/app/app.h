// kubos::app: what a C++ mission app links (docs/app-service.md, "Command line
// of an app"). The service starts an app as
//   <exe> -r <OnBoot|OnCommand> -c <config> [-- <args...>]
// run() parses that, logs to syslog (LOG_USER) under the app's name, and calls
// the handler of the run level; query() talks to a service named in the config.
//
//   int main(int argc, char** argv) {
//     kubos::app::Handlers h;
//     h.onCommand = [](const kubos::app::Context& ctx) {
//       auto data = ctx.query("sim-eps-service", "{ power { state } }");
//       kubos::service::log::info("power: ", data["power"]["state"].get<std::string>());
//       return 0;
//     };
//     return kubos::app::run(argc, argv, "my-app", "What my app does", h);
//   }
#pragma once

#include <chrono>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace kubos::app {

enum class RunLevel { OnBoot, OnCommand };
std::string_view runLevelName(RunLevel r);

// What the command line said.
struct Invocation {
  RunLevel runLevel = RunLevel::OnCommand;
  std::string config;              // -c; default: the system config path
  std::vector<std::string> args;   // the app's own: positionals and everything after --
  bool help = false;               // -h / --help
};

// Parses argv. Throws UsageError with a one-line message.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};
Invocation parseCommandLine(int argc, const char* const* argv);
std::string usage(std::string_view name, std::string_view description);

// A failed query: the message says which service and why, as KubOS's Python
// Services.query rules it (unknown service, HTTP error status, unexpected
// top-level key, non-empty errors, no answer in time).
class QueryError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

inline constexpr std::chrono::milliseconds kDefaultQueryTimeout{10'000};

// POSTs {"query": gql} to [<service>.addr] of the config file and returns `data`.
nlohmann::json query(const std::string& configPath, const std::string& service, const std::string& gql,
                     std::chrono::milliseconds timeout = kDefaultQueryTimeout);

struct Context {
  Invocation invocation;
  std::string name;
  nlohmann::json query(const std::string& service, const std::string& gql,
                       std::chrono::milliseconds timeout = kDefaultQueryTimeout) const {
    return kubos::app::query(invocation.config, service, gql, timeout);
  }
};

struct Handlers {
  std::function<int(const Context&)> onBoot;     // null: exits 0
  std::function<int(const Context&)> onCommand;  // null: exits 0
};

// Logging (LOG_USER, echoed to stdout, which the service captures), command
// line, dispatch. Returns the exit status: the handler's, 2 for a usage error,
// 0 after -h, 1 if the handler threw (logged).
int run(int argc, const char* const* argv, std::string_view name, std::string_view description, const Handlers& handlers);

}  // namespace kubos::app
