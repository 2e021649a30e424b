// The command line every service accepts (docs/services.md, "Command line"):
//   -c/--config PATH, -l LEVEL, --stdout, -h/--help, --version
// Services add their own flags through app() before parse(), e.g.
//   bool onboot = false; cli.app().add_flag("-b,--onboot", onboot, "...");
// A bad flag or value: one line on stderr, exit status 2.
#pragma once

#include <CLI/CLI.hpp>

#include <iosfwd>
#include <optional>
#include <string>

#include "service/log.h"

namespace kubos::service {

struct CommonOptions {
  std::optional<std::string> configPath;  // -c; absent: Config::defaultPath()
  log::Level level = log::Level::Info;    // -l
  bool echoStdout = false;                // --stdout
};

class CommandLine {
 public:
  CommandLine(std::string binaryName, std::string description, std::string version);

  CLI::App& app() { return app_; }
  const CommonOptions& options() const { return options_; }
  const std::string& binaryName() const { return name_; }

  // nullopt: carry on. Otherwise the process should exit with the value:
  // 0 after --help / --version (printed to `out`), 2 on a bad flag or value
  // (one line to `err`).
  std::optional<int> parse(int argc, const char* const* argv, std::ostream& out, std::ostream& err);
  std::optional<int> parse(int argc, const char* const* argv);

 private:
  std::string name_;
  std::string version_;
  CLI::App app_;
  CommonOptions options_;
  std::string levelText_ = "info";
  std::string configText_;
};

}  // namespace kubos::service
