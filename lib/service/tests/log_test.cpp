// Requirements SK-LOG-*: logging levels and the --stdout line format.
#include <gtest/gtest.h>

#include <regex>
#include <vector>

#include "service/log.h"

using kit::log::Level;

namespace {
// Logging to the test observer only (no syslog).
void initQuiet(Level threshold) {
  kit::log::Options o;
  o.ident = "log-test";
  o.threshold = threshold;
  o.useSyslog = false;
  kit::log::init(o);
}
}  // namespace

TEST(Log, SKLOG1_LevelNames) {
  for (auto l : {Level::Error, Level::Warn, Level::Info, Level::Debug, Level::Trace})
    EXPECT_EQ(kit::log::parseLevel(kit::log::levelName(l)), l);
  EXPECT_FALSE(kit::log::parseLevel("verbose"));
  EXPECT_FALSE(kit::log::parseLevel("INFO"));
}

TEST(Log, SKLOG2_ThresholdFilters) {
  initQuiet(Level::Warn);
  std::vector<std::pair<Level, std::string>> seen;
  kit::log::setObserver([&](Level l, std::string_view m) { seen.emplace_back(l, std::string(m)); });
  kit::log::error("e ", 1);
  kit::log::warn("w");
  kit::log::info("i");
  kit::log::debug("d");
  kit::log::trace("t");
  kit::log::setObserver(nullptr);
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen[0].second, "e 1");
  EXPECT_EQ(seen[1].first, Level::Warn);
}

TEST(Log, SKLOG3_EchoLineHasTimeAndLevel) {
  const std::string line = kit::log::formatEcho(Level::Warn, "disk almost full");
  EXPECT_TRUE(std::regex_match(line, std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z warn disk almost full)")))
      << line;
}

TEST(Log, SKLOG6_OneRecordPerLine) {
  initQuiet(Level::Info);
  std::string seen;
  kit::log::setObserver([&](Level, std::string_view m) { seen = std::string(m); });
  kit::log::error("query {\n  x\r\n}");
  kit::log::setObserver(nullptr);
  EXPECT_EQ(seen, "query {   x  }");
}
