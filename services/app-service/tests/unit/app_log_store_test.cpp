#include "app_log_store.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>

#include "test_util.h"

using namespace kubos::app_service;
using kubos::app_service::testing::TempDir;
namespace fs = std::filesystem;

namespace {
std::vector<std::int64_t> seqs(const AppLogPage& p) {
  std::vector<std::int64_t> out;
  for (const auto& l : p.lines) out.push_back(l.seq);
  return out;
}
std::uintmax_t diskBytes(const fs::path& dir) {
  std::uintmax_t n = 0;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (e.is_regular_file()) n += e.file_size();
  return n;
}
}  // namespace

TEST(AppLogStore, APP_70_seq_continues_after_reopen) {
  TempDir t;
  {
    AppLogStore s(t.path / "logs", 1 << 20);
    s.append("app", "OnCommand", 0, "one", 1000);
    s.append("app", "OnCommand", 1, "two", 2000);
    s.append("app", "OnBoot", 0, "boot", 3000);
  }
  AppLogStore s(t.path / "logs", 1 << 20);
  s.append("app", "OnCommand", 0, "three", 4000);
  auto p = s.read("app", "OnCommand", 0, 100);
  ASSERT_EQ(seqs(p), (std::vector<std::int64_t>{1, 2, 3}));
  EXPECT_EQ(p.lines[0].text, "one");
  EXPECT_EQ(p.lines[1].stream, 1);
  EXPECT_EQ(p.lines[1].timeMs, 2000);
  EXPECT_EQ(p.lines[2].text, "three");
  EXPECT_EQ(p.next, 3);
  EXPECT_EQ(p.dropped, 0);
  // Per (name, run level); paging with after/next.
  EXPECT_EQ(seqs(s.read("app", "OnBoot", 0, 100)), (std::vector<std::int64_t>{1}));
  auto p1 = s.read("app", "OnCommand", 1, 1);
  EXPECT_EQ(seqs(p1), (std::vector<std::int64_t>{2}));
  EXPECT_EQ(p1.next, 2);
  auto p2 = s.read("app", "OnCommand", 3, 100);
  EXPECT_TRUE(p2.lines.empty());
  EXPECT_EQ(p2.next, 3);
  // Unknown or unsafe names: an empty page, nothing created.
  EXPECT_TRUE(s.read("other", "OnCommand", 0, 100).lines.empty());
  EXPECT_TRUE(s.read("../x", "OnCommand", 0, 100).lines.empty());
  EXPECT_FALSE(fs::exists(t.path / "logs" / "other"));
}

TEST(AppLogStore, APP_71_torn_last_record_is_tolerated) {
  TempDir t;
  fs::path seg = t.path / "logs" / "app" / "OnCommand.1";
  {
    AppLogStore s(t.path / "logs", 1 << 20);
    for (const char* line : {"first", "second", "third"}) s.append("app", "OnCommand", 0, line, 1);
  }
  // A power loss mid-write: the last record is cut short.
  fs::resize_file(seg, fs::file_size(seg) - 3);
  {
    AppLogStore s(t.path / "logs", 1 << 20);
    auto p = s.read("app", "OnCommand", 0, 100);
    EXPECT_EQ(seqs(p), (std::vector<std::int64_t>{1, 2}));
    s.append("app", "OnCommand", 0, "fourth", 1);
    p = s.read("app", "OnCommand", 0, 100);
    ASSERT_EQ(seqs(p), (std::vector<std::int64_t>{1, 2, 3}));
    EXPECT_EQ(p.lines[2].text, "fourth");
  }
  // A damaged record in the middle is skipped (resynchronised), and counted in dropped.
  {
    std::fstream f(seg, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(12 + 17 + 5 + 20);  // inside the second record's payload
    f.put('X');
  }
  AppLogStore s(t.path / "logs", 1 << 20);
  auto p = s.read("app", "OnCommand", 0, 100);
  EXPECT_EQ(seqs(p), (std::vector<std::int64_t>{1, 3}));
  EXPECT_EQ(p.dropped, 1);
}

TEST(AppLogStore, APP_72_bounded_oldest_dropped_first) {
  TempDir t;
  constexpr std::int64_t bound = 4096;
  {
    AppLogStore s(t.path / "logs", bound);
    for (int i = 1; i <= 1000; ++i) s.append("app", "OnCommand", 0, "line " + std::to_string(i), i);
    EXPECT_LE(diskBytes(t.path / "logs"), static_cast<std::uintmax_t>(bound + 12 + 17 + AppLogStore::kMaxLineBytes));
  }
  AppLogStore s(t.path / "logs", bound);
  auto p = s.read("app", "OnCommand", 0, 1000);
  ASSERT_FALSE(p.lines.empty());
  EXPECT_EQ(p.next, 1000);
  EXPECT_EQ(p.lines.back().text, "line 1000");
  EXPECT_GT(p.dropped, 0);
  EXPECT_EQ(p.lines.front().seq, p.dropped + 1);  // every line after 0 is returned or counted
  EXPECT_GE(p.lines.size() * 40, static_cast<std::size_t>(bound / 2) - 40);  // at least half the bound kept
  // Contiguous: no gap that is not counted.
  for (std::size_t i = 1; i < p.lines.size(); ++i) EXPECT_EQ(p.lines[i].seq, p.lines[i - 1].seq + 1);
  // Paging from a seq that was dropped: the lost ones are counted once.
  auto q = s.read("app", "OnCommand", 10, 5);
  EXPECT_EQ(q.dropped, p.lines.front().seq - 11);
  EXPECT_EQ(q.next, p.lines.front().seq + 4);
  auto r = s.read("app", "OnCommand", q.next, 5);
  EXPECT_EQ(r.dropped, 0);
  EXPECT_EQ(r.lines.front().seq, q.next + 1);
}

TEST(AppLogStore, APP_73_long_lines_are_split_not_lost) {
  TempDir t;
  AppLogStore s(t.path / "logs", 1 << 20);
  std::string big(10000, 'a');
  s.append("app", "OnCommand", 1, big, 1);
  // 4095 bytes and a two-byte character: the cut does not split the character.
  std::string utf = std::string(4095, 'b') + "\xc3\xa9" + "c";
  s.append("app", "OnCommand", 0, utf, 2);
  s.append("app", "OnCommand", 0, "", 3);  // an empty line is a line
  auto p = s.read("app", "OnCommand", 0, 100);
  ASSERT_EQ(p.lines.size(), 6u);
  EXPECT_EQ(p.lines[0].text.size(), 4096u);
  EXPECT_EQ(p.lines[1].text.size(), 4096u);
  EXPECT_EQ(p.lines[2].text.size(), 10000u - 8192u);
  EXPECT_EQ(p.lines[0].text + p.lines[1].text + p.lines[2].text, big);
  EXPECT_EQ(p.lines[2].stream, 1);
  EXPECT_EQ(p.lines[3].text, std::string(4095, 'b'));
  EXPECT_EQ(p.lines[4].text,
            "\xc3\xa9"
            "c");
  EXPECT_EQ(p.lines[5].text, "");
  EXPECT_EQ(splitPoint("abc", 4), 3u);
}
