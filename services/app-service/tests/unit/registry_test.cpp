#include "registry.h"

#include <gtest/gtest.h>

#include "fsutil.h"
#include "manifest.h"
#include "test_util.h"

using namespace kubos::app_service;
using kubos::app_service::testing::makeApp;
using kubos::app_service::testing::TempDir;
using kubos::app_service::testing::writeFile;
namespace fs = std::filesystem;

TEST(Registry, APP_30_register_copies_and_activates) {
  TempDir t;
  Registry r(t.path / "reg", "/etc/kubos-config.toml");
  r.load();
  makeApp(t.path / "src", "dummy", "0.0.1");
  writeFile(t.path / "src/sub/file", "data");
  auto o = r.registerApp((t.path / "src").string());
  ASSERT_TRUE(o.ok) << o.error;
  EXPECT_TRUE(o.app.active);
  EXPECT_EQ(o.app.executable(), r.root() / "dummy/0.0.1/dummy");
  EXPECT_TRUE(fs::exists(r.root() / "dummy/0.0.1/sub/file"));
  EXPECT_TRUE(fs::exists(r.root() / "dummy/0.0.1/manifest.toml"));
  AppToml a = parseAppToml(readFile(r.root() / "dummy/0.0.1/app.toml", 1 << 20));
  EXPECT_TRUE(a.active);
  EXPECT_EQ(a.executable, (r.root() / "dummy/0.0.1/dummy").string());
  EXPECT_EQ(fs::read_symlink(r.root() / "active/dummy"), r.root() / "dummy/0.0.1");
  // Staging is empty afterwards.
  EXPECT_TRUE(fs::is_empty(r.root() / ".staging"));

  auto dup = r.registerApp((t.path / "src").string());
  EXPECT_FALSE(dup.ok);
  EXPECT_EQ(dup.error, "Failed to register app: App dummy version 0.0.1 already exists");
}

TEST(Registry, APP_31_upgrade_setversion_and_reload) {
  TempDir t;
  {
    Registry r(t.path / "reg", "/etc/kubos-config.toml");
    r.load();
    ASSERT_TRUE(r.registerApp(makeApp(t.path / "s1", "dummy", "0.0.1").string()).ok);
    ASSERT_TRUE(r.registerApp(makeApp(t.path / "s2", "dummy", "0.0.2").string()).ok);
    EXPECT_EQ(r.activeVersion("dummy")->version, "0.0.2");
    ASSERT_TRUE(r.setVersion("dummy", "0.0.1").ok);
    EXPECT_EQ(r.activeVersion("dummy")->version, "0.0.1");
    auto bad = r.setVersion("dummy", "0.0.3");
    EXPECT_EQ(bad.error, "Registry Error: App dummy version 0.0.3 not found in registry");
  }
  Registry r2(t.path / "reg", "/etc/kubos-config.toml");
  r2.load();
  auto all = r2.all();
  ASSERT_EQ(all.size(), 2u);
  EXPECT_TRUE(all[0].active);
  EXPECT_FALSE(all[1].active);
}

TEST(Registry, APP_32_uninstall_one_and_all) {
  TempDir t;
  Registry r(t.path / "reg", "/etc/kubos-config.toml");
  r.load();
  ASSERT_TRUE(r.registerApp(makeApp(t.path / "s1", "dummy", "0.0.1").string()).ok);
  ASSERT_TRUE(r.registerApp(makeApp(t.path / "s2", "dummy", "0.0.2").string()).ok);
  auto u = r.uninstall("dummy", std::string("0.0.1"));
  ASSERT_TRUE(u.ok) << u.error;
  EXPECT_TRUE(fs::exists(r.root() / "dummy/0.0.2"));
  EXPECT_FALSE(fs::exists(r.root() / "dummy/0.0.1"));
  u = r.uninstall("dummy", std::nullopt);
  ASSERT_TRUE(u.ok) << u.error;
  EXPECT_FALSE(fs::exists(r.root() / "dummy"));
  EXPECT_FALSE(fs::exists(fs::symlink_status(r.root() / "active/dummy")));
  EXPECT_FALSE(r.uninstall("dummy", std::nullopt).ok);
}

TEST(Registry, APP_33_dangerous_names_never_touch_the_disk) {
  TempDir t;
  Registry r(t.path / "reg", "/etc/kubos-config.toml");
  r.load();
  writeFile(t.path / "precious", "keep");
  for (std::string n : {"", "..", ".", "/", "active", "../reg", "a/b"}) {
    EXPECT_FALSE(r.uninstall(n, std::nullopt).ok) << n;
    EXPECT_FALSE(r.uninstall("x", n).ok) << n;
  }
  EXPECT_TRUE(fs::exists(t.path / "precious"));
  EXPECT_TRUE(fs::exists(r.root() / "active"));
  makeApp(t.path / "bad", "x", "1");
  writeFile(t.path / "bad/manifest.toml", "name = \"../evil\"\nversion = \"1\"\nauthor = \"u\"\n");
  auto o = r.registerApp((t.path / "bad").string());
  EXPECT_FALSE(o.ok);
  EXPECT_NE(o.error.find("field `name`"), std::string::npos) << o.error;
  EXPECT_FALSE(fs::exists(t.path / "evil"));
}

TEST(Registry, APP_34_loads_kubos_registry_and_repairs_double_active) {
  TempDir t;
  fs::path reg = t.path / "reg";
  auto mk = [&](const std::string& n, const std::string& v, bool active, const std::string& extra = "") {
    writeFile(reg / n / v / n, "#!/bin/sh\nexit 0\n", 0755);
    writeFile(reg / n / v / "app.toml", std::string("active_version = ") + (active ? "true" : "false") +
                                            "\n\n[app]\nname = \"" + n + "\"\nexecutable = \"/old/place/" + n + "/" + v +
                                            "/" + n + "\"\nversion = \"" + v + "\"\nauthor = \"unknown\"\n" + extra);
  };
  mk("app1", "0.0.1", true, "config = \"/etc/kubos-config.toml\"\n");
  mk("app1", "0.0.2", true, "config = \"/custom/config.toml\"\n");
  mk("app2", "1.0", false);  // KubOS <= 1.17: no config key
  fs::create_directories(reg / "app3/1.0");  // no app.toml: skipped, not deleted
  Registry r(reg, "/default.toml");
  r.load();
  auto all = r.all();
  ASSERT_EQ(all.size(), 3u);
  int active1 = 0;
  for (const auto& a : all)
    if (a.name == "app1" && a.active) ++active1;
  EXPECT_EQ(active1, 1);
  EXPECT_EQ(all[2].config, "/default.toml");
  // The executable is found inside this registry, not at the recorded place.
  EXPECT_EQ(all[0].executable(), r.root() / "app1/0.0.1/app1");
  EXPECT_TRUE(fs::exists(reg / "app3/1.0"));
  EXPECT_TRUE(fs::is_symlink(reg / "active/app1"));
}

TEST(Registry, APP_82_memory_limit_survives_reload) {
  TempDir t;
  {
    Registry r(t.path / "reg", "/etc/kubos-config.toml");
    r.load();
    makeApp(t.path / "s1", "hog", "1");
    std::ofstream(t.path / "s1/manifest.toml", std::ios::app) << "memory_limit_mb = 64\n";
    auto o = r.registerApp((t.path / "s1").string());
    ASSERT_TRUE(o.ok) << o.error;
    EXPECT_EQ(o.app.memoryLimitMb, 64);
    ASSERT_TRUE(r.registerApp(makeApp(t.path / "s2", "hog", "2").string()).ok);
    EXPECT_FALSE(r.activeVersion("hog")->memoryLimitMb);
    // A bad value is refused at register, naming the key.
    makeApp(t.path / "s3", "hog", "3");
    std::ofstream(t.path / "s3/manifest.toml", std::ios::app) << "memory_limit_mb = -1\n";
    EXPECT_EQ(r.registerApp((t.path / "s3").string()).error,
              "Failed to parse manifest.toml: field `memory_limit_mb` must be between 1 and 1048576 (got -1)");
  }
  Registry r(t.path / "reg", "/etc/kubos-config.toml");
  r.load();
  auto v1 = r.list("hog", "1", std::nullopt);
  ASSERT_EQ(v1.size(), 1u);
  EXPECT_EQ(v1[0].memoryLimitMb, 64);
  EXPECT_FALSE(r.activeVersion("hog")->memoryLimitMb);
}
