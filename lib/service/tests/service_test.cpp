// Requirements SK-LIM-*: limits read from [name] with defaults and errors.
#include <gtest/gtest.h>

#include "service/service.h"

TEST(ServiceLimits, SK_LIM_4_DefaultsMatchTheContract) {
  auto c = kubos::service::Config::fromString("s", "[s.addr]\nip = \"127.0.0.1\"\nport = 1\n", "f");
  auto l = kubos::service::readLimits(c.service());
  EXPECT_EQ(l.http.maxBodyBytes, 1u << 20);
  EXPECT_EQ(l.http.headerTimeout, std::chrono::milliseconds(10'000));
  EXPECT_EQ(l.engine.maxQueryDepth, 64u);
  EXPECT_EQ(l.engine.maxFieldCount, 10'000u);
  EXPECT_EQ(l.http.workers, 4u);
}

TEST(ServiceLimits, SK_LIM_7_QueueLengthFollowsTheConnectionCap) {
  auto defaults = kubos::service::Config::fromString("s", "[s]\n", "f");
  EXPECT_EQ(kubos::service::readLimits(defaults.service()).http.queueLength, 256u);
  auto capped = kubos::service::Config::fromString("s", "[s]\nmax-connections = 10\n", "f");
  EXPECT_EQ(kubos::service::readLimits(capped.service()).http.queueLength, 10u);
  auto chosen = kubos::service::Config::fromString("s", "[s]\nmax-connections = 10\nqueue-length = 3\n", "f");
  EXPECT_EQ(kubos::service::readLimits(chosen.service()).http.queueLength, 3u);
}

TEST(ServiceLimits, SK_LIM_5_ConfiguredUnderTheServiceTable) {
  auto c = kubos::service::Config::fromString("s", R"(
[s]
max-body-bytes = 2048
header-timeout-ms = 250
max-query-depth = 5
max-field-count = 50
workers = 2
queue-length = 8
max-batch = 4
)", "f");
  auto l = kubos::service::readLimits(c.service());
  EXPECT_EQ(l.http.maxBodyBytes, 2048u);
  EXPECT_EQ(l.engine.parse.maxSourceBytes, 2048u);
  EXPECT_EQ(l.http.headerTimeout, std::chrono::milliseconds(250));
  EXPECT_EQ(l.engine.maxQueryDepth, 5u);
  EXPECT_EQ(l.engine.maxFieldCount, 50u);
  EXPECT_EQ(l.http.workers, 2u);
  EXPECT_EQ(l.http.queueLength, 8u);
  EXPECT_EQ(l.maxBatch, 4u);
}

TEST(ServiceLimits, SK_LIM_6_BadValuesNameTheKey) {
  auto c = kubos::service::Config::fromString("s", "[s]\nmax-body-bytes = -1\n", "/c.toml");
  try {
    kubos::service::readLimits(c.service());
    FAIL();
  } catch (const kubos::service::ConfigError& e) {
    EXPECT_STREQ(e.what(), "/c.toml:2: s.max-body-bytes: -1 is out of range (1..1073741824)");
  }
}
