// Requirements SK-CLI-*: the common command line (docs/services.md, "Command line").
#include <gtest/gtest.h>

#include <sstream>

#include "service/cli.h"

namespace {
struct Run {
  std::optional<int> rc;
  std::string out, err;
};
Run run(kubos::service::CommandLine& cl, std::vector<const char*> args) {
  args.insert(args.begin(), "svc");
  std::ostringstream out, err;
  Run r;
  r.rc = cl.parse(static_cast<int>(args.size()), args.data(), out, err);
  r.out = out.str();
  r.err = err.str();
  return r;
}
}  // namespace

TEST(CommandLine, SK_CLI_1_CommonFlags) {
  kubos::service::CommandLine cl("svc", "test", "1.2.3");
  auto r = run(cl, {"-c", "/x.toml", "-l", "debug", "--stdout"});
  EXPECT_FALSE(r.rc.has_value()) << r.err;
  EXPECT_EQ(*cl.options().configPath, "/x.toml");
  EXPECT_EQ(cl.options().level, kubos::service::log::Level::Debug);
  EXPECT_TRUE(cl.options().echoStdout);
}

TEST(CommandLine, SK_CLI_2_Defaults) {
  kubos::service::CommandLine cl("svc", "test", "1.2.3");
  auto r = run(cl, {});
  EXPECT_FALSE(r.rc.has_value());
  EXPECT_FALSE(cl.options().configPath.has_value());
  EXPECT_EQ(cl.options().level, kubos::service::log::Level::Info);
  EXPECT_FALSE(cl.options().echoStdout);
}

TEST(CommandLine, SK_CLI_3_LongConfigFlag) {
  kubos::service::CommandLine cl("svc", "test", "1.2.3");
  EXPECT_FALSE(run(cl, {"--config", "/y.toml"}).rc);
  EXPECT_EQ(*cl.options().configPath, "/y.toml");
}

TEST(CommandLine, SK_CLI_4_HelpAndVersionExitZero) {
  kubos::service::CommandLine a("svc", "test", "1.2.3");
  auto h = run(a, {"--help"});
  EXPECT_EQ(h.rc, 0);
  EXPECT_NE(h.out.find("--config"), std::string::npos);
  kubos::service::CommandLine b("svc", "test", "1.2.3");
  auto v = run(b, {"--version"});
  EXPECT_EQ(v.rc, 0);
  EXPECT_EQ(v.out, "svc 1.2.3\n");
  kubos::service::CommandLine c("svc", "test", "1.2.3");
  EXPECT_EQ(run(c, {"-h"}).rc, 0);
}

TEST(CommandLine, SK_CLI_5_BadFlagOneLineExit2) {
  kubos::service::CommandLine cl("svc", "test", "1.2.3");
  auto r = run(cl, {"--bogus"});
  EXPECT_EQ(r.rc, 2);
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  EXPECT_NE(r.err.find("--bogus"), std::string::npos) << r.err;
}

TEST(CommandLine, SK_CLI_6_BadLevelAndMissingValueExit2) {
  kubos::service::CommandLine a("svc", "test", "1");
  auto r = run(a, {"-l", "loud"});
  EXPECT_EQ(r.rc, 2);
  EXPECT_NE(r.err.find("loud"), std::string::npos) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  kubos::service::CommandLine b("svc", "test", "1");
  EXPECT_EQ(run(b, {"-c"}).rc, 2);
}

TEST(CommandLine, SK_CLI_7_ServicesAddTheirOwnFlags) {
  kubos::service::CommandLine cl("svc", "test", "1");
  bool onboot = false;
  cl.app().add_flag("-b,--onboot", onboot, "start OnBoot apps");
  EXPECT_FALSE(run(cl, {"-b"}).rc);
  EXPECT_TRUE(onboot);
}
