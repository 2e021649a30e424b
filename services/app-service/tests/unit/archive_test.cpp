#include "app_archive.h"

#include <archive.h>
#include <archive_entry.h>
#include <gtest/gtest.h>

#include <vector>

#include "test_util.h"

using namespace kubos::app_service;
using kubos::app_service::testing::TempDir;
namespace fs = std::filesystem;

namespace {

struct Member {
  Member(std::string p, mode_t t = AE_IFREG, std::string d = "", std::string l = "", mode_t pm = 0644)
      : path(std::move(p)), type(t), data(std::move(d)), link(std::move(l)), perm(pm) {}
  std::string path;
  mode_t type;       // 0: a hard link to `link`
  std::string data;  // file content
  std::string link;  // symlink / hard link target
  mode_t perm;
};

// Writes a .tgz with libarchive, so that hostile members can be made exactly.
void writeTgz(const fs::path& out, const std::vector<Member>& members) {
  struct archive* a = archive_write_new();
  archive_write_add_filter_gzip(a);
  archive_write_set_format_pax_restricted(a);
  ASSERT_EQ(archive_write_open_filename(a, out.c_str()), ARCHIVE_OK);
  for (const auto& m : members) {
    struct archive_entry* e = archive_entry_new();
    archive_entry_set_pathname(e, m.path.c_str());
    if (m.type == 0) {
      archive_entry_set_filetype(e, AE_IFREG);
      archive_entry_set_hardlink(e, m.link.c_str());
      archive_entry_set_size(e, 0);
    } else {
      archive_entry_set_filetype(e, m.type);
      if (m.type == AE_IFLNK) archive_entry_set_symlink(e, m.link.c_str());
      archive_entry_set_size(e, m.type == AE_IFREG ? static_cast<la_int64_t>(m.data.size()) : 0);
    }
    archive_entry_set_perm(e, m.perm);
    archive_write_header(a, e);
    if (m.type == AE_IFREG && !m.data.empty()) archive_write_data(a, m.data.data(), m.data.size());
    archive_entry_free(e);
  }
  archive_write_close(a);
  archive_write_free(a);
}

std::string extractError(const std::vector<Member>& members, fs::path* outDir = nullptr, ExtractLimits limits = {}) {
  static int n = 0;
  static TempDir t;
  fs::path ar = t.path / ("a" + std::to_string(++n) + ".tgz");
  fs::path out = t.path / ("out" + std::to_string(n));
  fs::create_directories(out);
  writeTgz(ar, members);
  if (outDir) *outDir = out;
  try {
    extractArchive(ar, out, limits);
  } catch (const std::exception& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST(Archive, APP_20_extracts_files_dirs_links_and_modes) {
  fs::path out;
  EXPECT_EQ(extractError({{"./manifest.toml", AE_IFREG, "name = \"a\"\n"},
                          {"a", AE_IFREG, "#!/bin/sh\n", "", 0755},
                          {"sub/data.txt", AE_IFREG, "hello"},
                          {"sub/link", AE_IFLNK, "", "data.txt"},
                          {"hard", 0, "", "sub/data.txt"}},
                         &out),
            "");
  EXPECT_TRUE(fs::exists(out / "manifest.toml"));
  EXPECT_TRUE(fs::exists(out / "sub/data.txt"));
  EXPECT_TRUE(fs::is_symlink(out / "sub/link"));
  EXPECT_TRUE(fs::exists(out / "hard"));
  EXPECT_NE(fs::status(out / "a").permissions() & fs::perms::owner_exec, fs::perms::none);
}

TEST(Archive, APP_21_refuses_dotdot_absolute_and_links_out) {
  EXPECT_NE(extractError({{"../x", AE_IFREG, "x"}}).find("outside the app directory"), std::string::npos);
  EXPECT_NE(extractError({{"a/../../x", AE_IFREG, "x"}}).find("outside the app directory"), std::string::npos);
  EXPECT_NE(extractError({{"/tmp/x", AE_IFREG, "x"}}).find("absolute path"), std::string::npos);
  EXPECT_NE(extractError({{"evil", AE_IFLNK, "", "/etc/passwd"}}).find("link pointing outside"), std::string::npos);
  EXPECT_NE(extractError({{"d/up", AE_IFLNK, "", "../../x"}}).find("link pointing outside"), std::string::npos);
  EXPECT_NE(extractError({{"h", 0, "", "../etc/passwd"}}).find("outside"), std::string::npos);
  // A link inside, then a member written through it: refused.
  EXPECT_NE(extractError({{"d", AE_IFDIR}, {"l", AE_IFLNK, "", "d"}, {"l/x", AE_IFREG, "x"}}).find("through a symlink"),
            std::string::npos);
}

TEST(Archive, APP_22_refuses_devices_and_bounds_size_and_count) {
  EXPECT_NE(extractError({{"fifo", AE_IFIFO}}).find("device, FIFO or socket"), std::string::npos);
  EXPECT_NE(extractError({{"dev", AE_IFCHR}}).find("device, FIFO or socket"), std::string::npos);
  EXPECT_NE(extractError({{"big", AE_IFREG, std::string(5000, 'x')}}, nullptr, {100, 1000}).find("more than 1000 bytes"),
            std::string::npos);
  EXPECT_NE(extractError({{"a", AE_IFREG, "1"}, {"b", AE_IFREG, "1"}, {"c", AE_IFREG, "1"}, {"d", AE_IFREG, "1"}},
                         nullptr, {3, 1u << 30})
                .find("more than 3 members"),
            std::string::npos);
  TempDir t;
  kubos::app_service::testing::writeFile(t.path / "garbage.tgz", "this is not gzip");
  fs::create_directories(t.path / "o");
  try {
    extractArchive(t.path / "garbage.tgz", t.path / "o");
    ADD_FAILURE() << "garbage extracted";
  } catch (const ArchiveError& e) {
    EXPECT_NE(std::string(e.what()).find("not a valid .tgz archive"), std::string::npos) << e.what();
  }
}
