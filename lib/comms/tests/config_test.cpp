// [<service>.comms] and the control block: docs/comms.md, "Configuration".
#include <gtest/gtest.h>

#include "comms/config.h"
#include "service/config.h"

using namespace kubos::comms;

namespace {

CommsConfig load(const std::string& comms) {
  auto cfg = kubos::service::Config::fromString("comms-service", "[comms-service]\n[comms-service.comms]\n" + comms, "test.toml");
  return CommsConfig::fromServiceTable(cfg.service());
}

std::string loadError(const std::string& comms) {
  try {
    load(comms);
  } catch (const CommsConfigError& e) {
    return e.what();
  }
  return "no error";
}

const ReadFn kRead = [](std::chrono::milliseconds) -> std::optional<Bytes> { return std::nullopt; };
const WriteFn kWrite = [](ByteView) {};

std::string controlError(std::vector<WriteFn> writers, CommsConfig c) {
  try {
    CommsControlBlock::create(kRead, std::move(writers), std::move(c));
  } catch (const CommsConfigError& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST(CommsConfig, COMMS_8_full_config_and_defaults) {
  CommsConfig c = load("handler_port_min = 1300\nhandler_port_max = 1310\ndownlink_ports = [14011]\ntimeout = 1400\nip = \"0.0.0.0\"\n");
  EXPECT_EQ(c.ip, "0.0.0.0");
  EXPECT_EQ(c.timeoutMs, 1400U);
  EXPECT_EQ(c.maxNumHandlers, 50);
  ASSERT_TRUE(c.downlinkPorts);
  EXPECT_EQ(*c.downlinkPorts, (std::vector<std::uint16_t>{14011}));
  EXPECT_NO_THROW(CommsControlBlock::create(kRead, {kWrite}, c));

  CommsConfig d = load("ip = \"127.0.0.1\"\n");
  EXPECT_EQ(d.maxNumHandlers, kDefaultMaxHandlers);
  EXPECT_EQ(d.timeoutMs, kDefaultTimeoutMs);
  EXPECT_FALSE(d.downlinkPorts);
  // No downlink ports: any number of writers, and no reader at all, are fine.
  EXPECT_NO_THROW(CommsControlBlock::create(std::nullopt, {kWrite, kWrite}, d));
  EXPECT_EQ(load("ip = \"::1\"\n").ip, "::1");
}

TEST(CommsConfig, COMMS_9_missing_ip_or_table_names_the_key) {
  EXPECT_EQ(loadError("downlink_ports = [14011, 14000]\n"),
            "Config error: test.toml: comms-service.comms.ip: missing (required: the address of the services packets are forwarded to)");
  auto cfg = kubos::service::Config::fromString("comms-service", "[comms-service]\nx = 1\n", "test.toml");
  try {
    CommsConfig::fromServiceTable(cfg.service());
    FAIL() << "no error";
  } catch (const CommsConfigError& e) {
    EXPECT_NE(std::string(e.what()).find("comms-service.comms: missing"), std::string::npos) << e.what();
  }
}

TEST(CommsConfig, COMMS_10_writer_count_must_match_ports) {
  CommsConfig c = load("downlink_ports = [14011, 14012]\nip = \"0.0.0.0\"\n");
  EXPECT_EQ(controlError({kWrite}, c),
            "Config error: There must be a unique write function for each downlink port: downlink_ports has 2 ports "
            "but 1 write function was given");
  EXPECT_EQ(controlError({kWrite, kWrite}, c), "no error");
  CommsConfig empty = load("downlink_ports = []\nip = \"0.0.0.0\"\n");
  EXPECT_EQ(controlError({kWrite}, empty),
            "Config error: There must be a unique write function for each downlink port: downlink_ports has 0 ports "
            "but 1 write function was given");
}

TEST(CommsConfig, COMMS_11_a_write_function_is_required) {
  CommsConfig c = load("ip = \"0.0.0.0\"\n");
  EXPECT_EQ(controlError({}, c), "Config error: No `write` function provided");
  EXPECT_EQ(controlError({WriteFn{}}, c), "Config error: No `write` function provided");
}

TEST(CommsConfig, COMMS_12_bad_values_name_the_key) {
  EXPECT_EQ(loadError("ip = \"sat\"\n"),
            "Config error: test.toml: comms-service.comms.ip: \"sat\" is not an IP address (IPv4 or IPv6 literal)");
  EXPECT_NE(loadError("ip = \"1.2.3.4\"\ntimeout = 0\n").find("comms-service.comms.timeout: 0 is out of range"),
            std::string::npos);
  EXPECT_NE(loadError("ip = \"1.2.3.4\"\nmax_num_handlers = 0\n").find("comms-service.comms.max_num_handlers"),
            std::string::npos);
  EXPECT_NE(loadError("ip = \"1.2.3.4\"\ndownlink_ports = [70000]\n").find("comms-service.comms.downlink_ports"),
            std::string::npos);
  EXPECT_NE(loadError("ip = \"1.2.3.4\"\ndownlink_ports = [8080, 8080]\n").find("port 8080 is listed twice"),
            std::string::npos);
  EXPECT_NE(loadError("ip = 5\n").find("comms-service.comms.ip"), std::string::npos);
  CommsConfig c;
  c.ip = "nope";
  EXPECT_NE(controlError({kWrite}, c).find("is not an IP address"), std::string::npos);
}
