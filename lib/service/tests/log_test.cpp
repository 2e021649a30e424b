// Requirements SK-LOG-*: logging levels and the --stdout line format.
#include <gtest/gtest.h>

#include <regex>
#include <vector>

#include "service/log.h"

using kubos::service::log::Level;

namespace {
// Logging to the test observer only (no syslog).
void initQuiet(Level threshold) {
  kubos::service::log::Options o;
  o.ident = "log-test";
  o.threshold = threshold;
  o.useSyslog = false;
  kubos::service::log::init(o);
}
}  // namespace

TEST(Log, SK_LOG_1_LevelNames) {
  for (auto l : {Level::Error, Level::Warn, Level::Info, Level::Debug, Level::Trace})
    EXPECT_EQ(kubos::service::log::parseLevel(kubos::service::log::levelName(l)), l);
  EXPECT_FALSE(kubos::service::log::parseLevel("verbose"));
  EXPECT_FALSE(kubos::service::log::parseLevel("INFO"));
}

TEST(Log, SK_LOG_2_ThresholdFilters) {
  initQuiet(Level::Warn);
  std::vector<std::pair<Level, std::string>> seen;
  kubos::service::log::setObserver([&](Level l, std::string_view m) { seen.emplace_back(l, std::string(m)); });
  kubos::service::log::error("e ", 1);
  kubos::service::log::warn("w");
  kubos::service::log::info("i");
  kubos::service::log::debug("d");
  kubos::service::log::trace("t");
  kubos::service::log::setObserver(nullptr);
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen[0].second, "e 1");
  EXPECT_EQ(seen[1].first, Level::Warn);
}

TEST(Log, SK_LOG_3_EchoLineHasTimeAndLevel) {
  const std::string line = kubos::service::log::formatEcho(Level::Warn, "disk almost full");
  EXPECT_TRUE(std::regex_match(line, std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z warn disk almost full)")))
      << line;
}

TEST(Log, SK_LOG_6_OneRecordPerLine) {
  initQuiet(Level::Info);
  std::string seen;
  kubos::service::log::setObserver([&](Level, std::string_view m) { seen = std::string(m); });
  kubos::service::log::error("query {\n  x\r\n}");
  kubos::service::log::setObserver(nullptr);
  EXPECT_EQ(seen, "query {   x  }");
}

TEST(Log, SK_LOG_10_UnreachableSyslogIsSaidOnceOnStderr) {
  kubos::service::log::Options o;
  o.ident = "log-test";
  o.syslogSocket = "/nonexistent/dev-log";
  kubos::service::log::init(o);
  testing::internal::CaptureStderr();
  kubos::service::log::warnIfUnheard();
  kubos::service::log::warn("a line that goes nowhere");
  kubos::service::log::warnIfUnheard();
  EXPECT_EQ(testing::internal::GetCapturedStderr(),
            "log-test: syslog is unreachable (/nonexistent/dev-log: No such file or directory): log lines are lost; "
            "run with --stdout to see them\n");
  o.echoStdout = true;  // lines are visible on stdout: nothing to say
  testing::internal::CaptureStdout();
  testing::internal::CaptureStderr();
  kubos::service::log::init(o);
  kubos::service::log::warnIfUnheard();
  EXPECT_EQ(testing::internal::GetCapturedStderr(), "");
  (void)testing::internal::GetCapturedStdout();
  initQuiet(Level::Info);
}

TEST(Log, SK_LOG_11_FatalIsPrintedOnceWithStdout) {
  kubos::service::log::Options o;
  o.ident = "log-test";
  o.echoStdout = true;
  o.useSyslog = false;
  kubos::service::log::init(o);
  testing::internal::CaptureStdout();
  testing::internal::CaptureStderr();
  kubos::service::log::fatal("config error: /c.toml: no [x] section");
  const std::string out = testing::internal::GetCapturedStdout();
  EXPECT_EQ(testing::internal::GetCapturedStderr(), "log-test: config error: /c.toml: no [x] section\n");
  EXPECT_EQ(out, "");
  initQuiet(Level::Info);
}
