#include "service/cli.h"

#include <iostream>

namespace kubos::service {

CommandLine::CommandLine(std::string binaryName, std::string description, std::string version)
    : name_(std::move(binaryName)), version_(std::move(version)), app_(std::move(description), name_) {
  app_.add_option("-c,--config", configText_, "config.toml path (default: /home/system/etc/config.toml if it "
                                              "exists, else /etc/kubos-config.toml)");
  app_.add_option("-l,--log-level", levelText_, "log level: error, warn, info, debug, trace (default: info)")
      ->check(CLI::IsMember({"error", "warn", "info", "debug", "trace"}));
  app_.add_flag("--stdout", options_.echoStdout, "also print log lines on stdout, with time and level");
  app_.set_version_flag("--version", name_ + " " + version_);
}

std::optional<int> CommandLine::parse(int argc, const char* const* argv) {
  return parse(argc, argv, std::cout, std::cerr);
}

std::optional<int> CommandLine::parse(int argc, const char* const* argv, std::ostream& out, std::ostream& err) {
  try {
    app_.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    out << app_.help();
    return 0;
  } catch (const CLI::CallForAllHelp&) {
    out << app_.help("", CLI::AppFormatMode::All);
    return 0;
  } catch (const CLI::CallForVersion&) {
    out << name_ << ' ' << version_ << '\n';
    return 0;
  } catch (const CLI::ParseError& e) {
    // CLI11 prints two lines and uses its own exit codes; the contract wants one
    // line and status 2.
    std::string what = e.what();
    while (!what.empty() && (what.back() == '\n' || what.back() == ' ')) what.pop_back();
    for (char& c : what)
      if (c == '\n') c = ' ';
    err << name_ << ": " << what << " (see --help)\n";
    return 2;
  }
  if (app_.count("--config") > 0) options_.configPath = configText_;
  options_.level = log::parseLevel(levelText_).value_or(log::Level::Info);
  return std::nullopt;
}

}  // namespace kubos::service
