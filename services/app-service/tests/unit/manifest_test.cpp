#include "manifest.h"

#include <gtest/gtest.h>

using namespace kubos::app_service;

namespace {
std::string errorOf(std::string_view text) {
  try {
    parseManifest(text);
  } catch (const ManifestError& e) {
    return e.what();
  }
  return "";
}
}  // namespace

TEST(Manifest, APP_10_defaults_executable_to_name) {
  Manifest m = parseManifest("name = \"dummy\"\nversion = \"0.0.1\"\nauthor = \"user\"\nextra = 1\n");
  EXPECT_EQ(m.name, "dummy");
  EXPECT_EQ(m.executable, "dummy");
  EXPECT_FALSE(m.config);
  m = parseManifest("name = \"d\"\nversion = \"1\"\nauthor = \"u\"\nexecutable = \"bin/run\"\nconfig = \"/c.toml\"\n");
  EXPECT_EQ(m.executable, "bin/run");
  EXPECT_EQ(*m.config, "/c.toml");
}

TEST(Manifest, APP_11_errors_name_the_field) {
  EXPECT_EQ(errorOf("version = \"1\"\nauthor = \"u\"\n"), "Failed to parse manifest.toml: missing field `name`");
  EXPECT_EQ(errorOf("name = \"x\"\nauthor = \"u\"\n"), "Failed to parse manifest.toml: missing field `version`");
  EXPECT_EQ(errorOf("name = \"x\"\nversion = \"1\"\n"), "Failed to parse manifest.toml: missing field `author`");
  EXPECT_EQ(errorOf("name = \"x\"\nversion = 1.0\nauthor = \"u\"\n"),
            "Failed to parse manifest.toml: field `version` must be a string (got float)");
  EXPECT_NE(errorOf("name = \n").find("Failed to parse manifest.toml: "), std::string::npos);
  // Found by manifest-fuzzer: toml++ has undefined behaviour on these code points.
  EXPECT_EQ(errorOf("\xef\xbb\xbdr = [/\"a\"]\n"),
            "Failed to parse manifest.toml: non-ASCII character outside a string or comment (TOML allows them only "
            "there) (line 1, column 1)");
  EXPECT_EQ(errorOf("name = \"x\"\nve\xc3\xbe = 1\n"),
            "Failed to parse manifest.toml: non-ASCII character outside a string or comment (TOML allows them only "
            "there) (line 2, column 3)");
  // Non-ASCII inside strings and comments is fine.
  EXPECT_EQ(parseManifest("# caf\xc3\xa9\nname = \"x\"\nversion = \"1\"\nauthor = \"Jos\xc3\xa9 \\\" \xc3\xbe\"\n").author,
            "Jos\xc3\xa9 \" \xc3\xbe");
}

TEST(Manifest, APP_12_names_and_paths_validated) {
  EXPECT_TRUE(checkName("name", "..").has_value());
  EXPECT_TRUE(checkName("name", "").has_value());
  EXPECT_TRUE(checkName("name", "a/b").has_value());
  EXPECT_TRUE(checkName("name", "/abs").has_value());
  EXPECT_TRUE(checkName("name", "active").has_value());
  EXPECT_TRUE(checkName("name", ".hidden").has_value());
  EXPECT_FALSE(checkName("name", "main-mission_2.0+x").has_value());
  EXPECT_FALSE(checkName("version", "0.0.1").has_value());
  EXPECT_TRUE(checkExecutable("../x").has_value());
  EXPECT_TRUE(checkExecutable("/bin/sh").has_value());
  EXPECT_TRUE(checkExecutable("a//b").has_value());
  EXPECT_FALSE(checkExecutable("bin/run.py").has_value());
}

TEST(AppToml, APP_13_round_trip_and_kubos_form) {
  AppToml a{true, 42, "dummy", "/r/dummy/0.0.1/dummy", "0.0.1", "user", std::string("/etc/kubos-config.toml")};
  AppToml b = parseAppToml(writeAppToml(a));
  EXPECT_TRUE(b.active);
  EXPECT_EQ(b.activated, 42);
  EXPECT_EQ(b.executable, a.executable);
  EXPECT_EQ(b.name, "dummy");
  EXPECT_EQ(b.version, "0.0.1");
  EXPECT_EQ(b.author, "user");
  // KubOS <= 1.17: no config key, no activated key.
  AppToml old = parseAppToml("active_version = false\n[app]\nname = \"x\"\nexecutable = \"/a/x/1/x\"\nversion = \"1\"\nauthor = \"u\"\n");
  EXPECT_FALSE(old.config);
  EXPECT_EQ(old.activated, 0);
  EXPECT_THROW(parseAppToml("[app]\nname = \"x\"\n"), ManifestError);
  // Quotes, backslashes and control characters survive the round trip.
  a.author = "O'Brien \"the\" \\ \x01 tab\t";
  EXPECT_EQ(parseAppToml(writeAppToml(a)).author, a.author);
  EXPECT_EQ(writeAppToml(a).rfind("active_version = true\n", 0), 0u);
}

TEST(Manifest, APP_74_memory_limit_mb_optional_and_validated) {
  const std::string base = "name = \"d\"\nversion = \"1\"\nauthor = \"u\"\n";
  EXPECT_FALSE(parseManifest(base).memoryLimitMb);
  EXPECT_EQ(*parseManifest(base + "memory_limit_mb = 64\n").memoryLimitMb, 64);
  EXPECT_EQ(errorOf(base + "memory_limit_mb = \"64\"\n"),
            "Failed to parse manifest.toml: field `memory_limit_mb` must be an integer (got string)");
  EXPECT_EQ(errorOf(base + "memory_limit_mb = 0\n"),
            "Failed to parse manifest.toml: field `memory_limit_mb` must be between 1 and 1048576 (got 0)");
  EXPECT_EQ(errorOf(base + "memory_limit_mb = 1.5\n"),
            "Failed to parse manifest.toml: field `memory_limit_mb` must be an integer (got float)");
}
