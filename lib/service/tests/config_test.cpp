// Requirements SK-CFG-*: config.toml (docs/services.md, "config.toml").
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

#include <unistd.h>

#include "service/config.h"

using kubos::service::Config;
using kubos::service::ConfigError;

namespace {

std::string errorOf(const std::function<void()>& f) {
  try {
    f();
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "(no error)";
}

const char* kGood = R"(
[svc.addr]
ip = "127.0.0.1"
port = 8100

[svc]
bus = "/dev/ttyS4"
baud = 115200
timeout = 1.5
retries = 3
enabled = true
ports = [8080, 8081]
names = ["a", "b"]

[svc.comms]
ip = "192.168.0.1"

[other]
x = 1
)";

}  // namespace

TEST(Config, SK_CFG_1_ParentTableAfterChildAndAddr) {
  auto c = Config::fromString("svc", kGood, "/cfg.toml");
  auto a = c.addr();
  EXPECT_EQ(a.ip, "127.0.0.1");
  EXPECT_EQ(a.port, 8100);
  EXPECT_EQ(a.toString(), "127.0.0.1:8100");
  EXPECT_EQ(c.service().requireString("bus"), "/dev/ttyS4");
}

TEST(Config, SK_CFG_2_Ipv6AndHostNamesAreKeptAsWritten) {
  auto c6 = Config::fromString("s", "[s.addr]\nip = \"::1\"\nport = 80\n", "f");
  EXPECT_EQ(c6.addr().toString(), "[::1]:80");
  auto ch = Config::fromString("s", "[s.addr]\nip = \"localhost\"\nport = 80\n", "f");
  EXPECT_EQ(ch.addr().toString(), "localhost:80");
}

TEST(Config, SK_CFG_3_TypedAccessorsWithDefaults) {
  auto t = Config::fromString("svc", kGood, "/cfg.toml").service();
  EXPECT_EQ(t.getInt("baud", 9600), 115200);
  EXPECT_EQ(t.getInt("missing", 9600), 9600);
  EXPECT_DOUBLE_EQ(t.getDouble("timeout", 0), 1.5);
  EXPECT_DOUBLE_EQ(t.getDouble("retries", 0), 3.0);  // an integer is a fine number
  EXPECT_TRUE(t.getBool("enabled", false));
  EXPECT_EQ(t.getString("nope", "dflt"), "dflt");
  EXPECT_EQ(t.getIntList("ports", {}), (std::vector<std::int64_t>{8080, 8081}));
  EXPECT_EQ(t.getStringList("names", {}), (std::vector<std::string>{"a", "b"}));
  EXPECT_FALSE(t.optInt("missing").has_value());
}

TEST(Config, SK_CFG_4_SubTablesBelongToTheService) {
  auto t = Config::fromString("svc", kGood, "/cfg.toml").service();
  auto comms = t.table("comms");
  ASSERT_TRUE(comms.has_value());
  EXPECT_EQ(comms->path(), "svc.comms");
  EXPECT_EQ(comms->requireString("ip"), "192.168.0.1");
  EXPECT_FALSE(t.table("device").has_value());
  EXPECT_EQ(errorOf([&] { t.requireTable("device"); }),
            "/cfg.toml: svc.device: missing (a [svc.device] table is required)");
}

TEST(Config, SK_CFG_5_WrongTypeNamesFileLineKeyAndProblem) {
  auto t = Config::fromString("svc", kGood, "/cfg.toml").service();
  EXPECT_EQ(errorOf([&] { t.getInt("bus", 0); }), "/cfg.toml:7: svc.bus: expected an integer, found a string");
  EXPECT_EQ(errorOf([&] { t.getString("baud", ""); }), "/cfg.toml:8: svc.baud: expected a string, found an integer");
  EXPECT_EQ(errorOf([&] { t.getBool("baud", false); }), "/cfg.toml:8: svc.baud: expected a boolean, found an integer");
  EXPECT_EQ(errorOf([&] { t.getIntList("names", {}); }),
            "/cfg.toml:13: svc.names: item 0: expected an integer, found a string");
  EXPECT_EQ(errorOf([&] { t.table("bus"); }), "/cfg.toml:7: svc.bus: expected a table, found a string");
}

TEST(Config, SK_CFG_6_RangeAndMissingKeys) {
  auto t = Config::fromString("svc", kGood, "/cfg.toml").service();
  EXPECT_EQ(errorOf([&] { t.getInt("baud", 0, 1, 1000); }), "/cfg.toml:8: svc.baud: 115200 is out of range (1..1000)");
  EXPECT_EQ(errorOf([&] { t.requireString("device"); }), "/cfg.toml: svc.device: missing (a string is required)");
}

TEST(Config, SK_CFG_7_MissingSection) {
  EXPECT_EQ(errorOf([] { Config::fromString("nope", kGood, "/cfg.toml"); }), "/cfg.toml: no [nope] section");
}

TEST(Config, SK_CFG_8_MissingAddrIpPort) {
  EXPECT_EQ(errorOf([] { Config::fromString("other", kGood, "/c.toml").addr(); }),
            "/c.toml: other.addr: missing (a [other.addr] table with ip and port is required)");
  EXPECT_EQ(errorOf([] { Config::fromString("s", "[s.addr]\nport = 1\n", "/c.toml").addr(); }),
            "/c.toml: s.addr.ip: missing (a string is required)");
  EXPECT_EQ(errorOf([] { Config::fromString("s", "[s.addr]\nip = \"a\"\n", "/c.toml").addr(); }),
            "/c.toml: s.addr.port: missing (an integer is required)");
  EXPECT_EQ(errorOf([] { Config::fromString("s", "[s.addr]\nip = \"\"\nport = 1\n", "/c.toml").addr(); }),
            "/c.toml:2: s.addr.ip: must not be empty");
}

TEST(Config, SK_CFG_9_PortWrongTypeAndOutOfRange) {
  EXPECT_EQ(errorOf([] { Config::fromString("s", "[s.addr]\nip = \"a\"\nport = \"80\"\n", "/c.toml").addr(); }),
            "/c.toml:3: s.addr.port: expected an integer, found a string");
  EXPECT_EQ(errorOf([] { Config::fromString("s", "[s.addr]\nip = \"a\"\nport = 70000\n", "/c.toml").addr(); }),
            "/c.toml:3: s.addr.port: 70000 is out of range (1..65535)");
  EXPECT_EQ(errorOf([] { Config::fromString("s", "[s.addr]\nip = \"a\"\nport = 0\n", "/c.toml").addr(); }),
            "/c.toml:3: s.addr.port: 0 is out of range (1..65535)");
  EXPECT_EQ(errorOf([] { Config::fromString("s", "[s.addr]\nip = 127\nport = 1\n", "/c.toml").addr(); }),
            "/c.toml:2: s.addr.ip: expected a string, found an integer");
}

TEST(Config, SK_CFG_10_SyntaxErrorNamesLineAndColumn) {
  const std::string msg = errorOf([] { Config::fromString("s", "[s]\nx = 1\ny = = 2\n", "/c.toml"); });
  EXPECT_EQ(msg.rfind("/c.toml:3:", 0), 0u) << msg;
  EXPECT_NE(msg.find("TOML syntax error"), std::string::npos) << msg;
  EXPECT_EQ(msg.find('\n'), std::string::npos) << "one line: " << msg;
}

TEST(Config, SK_CFG_11_MissingFileNamesPathAndReason) {
  EXPECT_EQ(errorOf([] { Config::load("s", "/nonexistent/dir/config.toml"); }),
            "/nonexistent/dir/config.toml: cannot read config file: No such file or directory");
}

TEST(Config, SK_CFG_11_DirectoryIsNotAConfigFile) {
  EXPECT_EQ(errorOf([] { Config::load("s", "/tmp"); }), "/tmp: cannot read config file: Is a directory");
}

TEST(Config, SK_CFG_12_LoadsFromFile) {
  char tmpl[] = "/tmp/kitcfgXXXXXX";
  int fd = mkstemp(tmpl);
  ASSERT_GE(fd, 0);
  close(fd);
  { std::ofstream(tmpl) << kGood; }
  auto c = Config::load("svc", tmpl);
  EXPECT_EQ(c.file(), tmpl);
  EXPECT_EQ(c.addr().port, 8100);
  std::remove(tmpl);
}

TEST(Config, SK_CFG_13_DefaultPathPrefersUserPartition) {
  char tmpl[] = "/tmp/kitcfgXXXXXX";
  int fd = mkstemp(tmpl);
  ASSERT_GE(fd, 0);
  close(fd);
  EXPECT_EQ(Config::firstExisting({tmpl, "/etc/kubos-config.toml"}), tmpl);
  EXPECT_EQ(Config::firstExisting({"/nonexistent/config.toml", "/etc/kubos-config.toml"}), "/etc/kubos-config.toml");
  std::remove(tmpl);
  EXPECT_EQ(Config::kUserConfigPath, std::string("/home/system/etc/config.toml"));
  EXPECT_EQ(Config::kSystemConfigPath, std::string("/etc/kubos-config.toml"));
}

TEST(Config, SK_CFG_20_UnknownKeysAreListedWithTheNearestKnownKey) {
  Config c = Config::fromString("svc", R"([svc.addr]
ip = "127.0.0.1"
port = 8100
prot = 1
[svc]
bus = "/dev/ttyS4"
tiemout_ms = 500
zzz = 1
[svc.comms]
ip = "1.2.3.4"
[svc.extra]
x = 1
[other]
tiemout_ms = 1
)",
                                "/c.toml");
  (void)c.addr();
  (void)c.service().requireString("bus");
  (void)c.service().getInt("timeout_ms", 500);
  (void)c.service().table("comms");  // opened, but its ip is never read
  const std::vector<std::string> expected{
      "/c.toml:4: svc.addr.prot: unknown key, ignored",  // port is there: not a typo of it
      "/c.toml:7: svc.tiemout_ms: unknown key, ignored (did you mean timeout_ms?)",
      "/c.toml:8: svc.zzz: unknown key, ignored",
      "/c.toml:10: svc.comms.ip: unknown key, ignored",
      "/c.toml:11: svc.extra: unknown key, ignored",
  };
  EXPECT_EQ(c.unknownKeys(), expected);
  // A table whose keys the service enumerates has no unknown keys.
  (void)c.service().table("comms")->keys();
  EXPECT_EQ(c.unknownKeys().size(), 4u);
}

TEST(Config, SK_CFG_21_SyntaxErrorsInPlainWords) {
  auto msg = [](const char* text) { return errorOf([&] { Config::fromString("s", text, "/c.toml"); }); };
  EXPECT_EQ(msg("[s]\nx = \"abc\n").rfind("/c.toml:2:9: TOML syntax error: unterminated string: ", 0), 0u)
      << msg("[s]\nx = \"abc\n");
  EXPECT_NE(msg("[s]\nx 5\n").find("missing '=' between the key and its value"), std::string::npos);
  EXPECT_NE(msg("[s]\nx = abc\n").find("bad value: text must be quoted"), std::string::npos);
  EXPECT_NE(msg("[s]\nx =\n").find("missing value after '='"), std::string::npos);
  EXPECT_NE(msg("[s]\nx = 1\nx = 2\n").find("defined twice"), std::string::npos);
  EXPECT_NE(msg("[s\nx = 1\n").find("unterminated table header"), std::string::npos);
  EXPECT_NE(msg("[s]\nx = tru\n").find("a boolean is true or false"), std::string::npos);
  EXPECT_EQ(msg("[s]\nx = tru\n").find('\n'), std::string::npos) << "one line";
}

TEST(Config, SK_CFG_22_NoConfigFileNamesBothDefaultPaths) {
  if (::access(Config::kUserConfigPath, F_OK) == 0 || ::access(Config::kSystemConfigPath, F_OK) == 0)
    GTEST_SKIP() << "a KubOS config is installed on this machine";
  EXPECT_EQ(
      errorOf([] { (void)Config::defaultPathOrThrow(); }),
      "no config file: neither /home/system/etc/config.toml nor /etc/kubos-config.toml exists (give one with -c PATH)");
}
