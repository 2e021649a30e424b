#include "status.h"

#include <gtest/gtest.h>

#include <fstream>

#include "test_util.h"

using namespace kubos::app_service;
using kubos::app_service::testing::TempDir;

namespace {
StatusEntry entry(const std::string& n, const std::string& v, std::int64_t start) {
  StatusEntry e;
  e.name = n;
  e.version = v;
  e.runLevel = "OnCommand";
  e.startMs = start;
  e.running = true;
  e.pid = 1234;
  e.config = "/c.toml";
  return e;
}
}  // namespace

TEST(StatusStore, APP_40_persists_and_tolerates_torn_last_record) {
  TempDir t;
  auto j = t.path / "journal";
  {
    StatusStore s(j);
    s.put(entry("a", "1", 1000));
    s.put(entry("b", "1", 2000));
    s.finish("a", "1", "OnCommand", 1000, 1500, 3, std::nullopt);
  }
  std::ofstream(j, std::ios::app) << "{\"op\":\"put\",\"name\":\"torn";  // power loss mid-write
  StatusStore s(j);
  auto all = s.list(std::nullopt, std::nullopt, std::nullopt);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].name, "a");
  EXPECT_FALSE(all[0].running);
  EXPECT_EQ(*all[0].lastRc, 3);
  EXPECT_EQ(*all[0].endMs, 1500);
  EXPECT_TRUE(all[1].running);
  EXPECT_EQ(s.list(std::nullopt, std::nullopt, true).size(), 1u);
  EXPECT_EQ(s.list(std::string("b"), std::string("2"), std::nullopt).size(), 0u);
}

TEST(StatusStore, APP_41_bounded_and_compacted) {
  TempDir t;
  StatusStore s(t.path / "journal", 40);
  for (int i = 0; i < 60; ++i) {
    auto e = entry("app" + std::to_string(i), "1", i);
    e.running = false;
    s.put(e);
  }
  EXPECT_EQ(s.list(std::nullopt, std::nullopt, std::nullopt).size(), 40u);
  for (int i = 0; i < 400; ++i) s.put(entry("same", "1", i));
  EXPECT_LE(s.journalLines(), 4 * 40 + 64 + 1);
  s.remove("same", std::nullopt);
  EXPECT_TRUE(s.list(std::string("same"), std::nullopt, std::nullopt).empty());
}

TEST(StatusStore, APP_42_times_are_rfc3339_utc) {
  EXPECT_EQ(formatTime(0), "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(formatTime(1764695293123), "2025-12-02T17:08:13.123Z");
}
