// Requirements EPS-1 to EPS-8 and EPS-28 (README.md): the model against a mock device behind the
// same Transport interface as the serial line.
#include <gtest/gtest.h>

#include "mock_device.h"

using namespace kubos::sim_eps_service;
using kubos::sim_eps_service::mock::MockDevice;
using namespace std::chrono_literals;

namespace {
struct Rig {
  MockDevice* dev;
  EpsModel model;
  Rig() : Rig(std::make_unique<MockDevice>()) {}
  explicit Rig(std::unique_ptr<MockDevice> d) : dev(d.get()), model(std::move(d), 100ms) {}
};
}  // namespace

TEST(EpsModel, EPS_1_NoopIsARealRoundTrip) {
  Rig r;
  EXPECT_TRUE(r.model.noop());
  EXPECT_TRUE(r.model.noop());
  EXPECT_EQ(r.dev->commands, 2);
  r.dev->fault = MockDevice::Fault::WrongEcho;
  EXPECT_FALSE(r.model.noop());
}

TEST(EpsModel, EPS_2_TelemetryInSiUnits) {
  Rig r;
  EpsTelemetry t = r.model.telemetry();
  EXPECT_GT(t.batteryVoltage, 7.0);
  EXPECT_LT(t.batteryVoltage, 8.6);
  EXPECT_GT(t.batteryCurrent, 0.3);
  EXPECT_LT(t.batteryCurrent, 0.6);
  EXPECT_GT(t.temperature, 15.0);
  EXPECT_EQ(t.powerState, PowerState::On);
  EXPECT_EQ(t.resetCount, 0);
  EXPECT_GE(t.batteryCharge, 65);
}

TEST(EpsModel, EPS_3_ControlPowerReadsBackTheState) {
  Rig r;
  EXPECT_EQ(r.model.controlPower(PowerState::Off).state, PowerState::Off);
  EXPECT_EQ(r.model.power().state, PowerState::Off);
  EXPECT_EQ(r.model.controlPower(PowerState::On).state, PowerState::On);
  PowerStatus p = r.model.controlPower(PowerState::Reset);
  EXPECT_EQ(p.state, PowerState::Reset);
  EXPECT_EQ(p.uptime, 0);
  EXPECT_EQ(r.model.telemetry().resetCount, 1);
}

TEST(EpsModel, EPS_4_RawPassthroughAndLimits) {
  Rig r;
  Bytes v = r.model.commandRaw(Bytes{'V', 'E', 'R', 'S', 'I', 'O', 'N'});
  EXPECT_EQ(std::string(v.begin(), v.end()), "SIM-EPS 1.0.0");
  EXPECT_EQ(r.model.commandRaw(Bytes{0x01, 0x00, 0x00, 2}), (Bytes{11, 48}));
  EXPECT_THROW(r.model.commandRaw({}), DeviceError);
  try {
    r.model.commandRaw(Bytes(256, 'a'));
    FAIL();
  } catch (const DeviceError& e) {
    EXPECT_STREQ(e.what(), "command is 256 bytes; the device takes at most 255");
  }
  try {
    r.model.commandRaw(Bytes{0x01, 0x00});  // PEEK with a missing count
    FAIL();
  } catch (const DeviceError& e) {
    EXPECT_STREQ(e.what(), "device refused RAW command: bad argument");
  }
}

TEST(EpsModel, EPS_5_SilentDeviceTimesOutWithAClearError) {
  Rig r;
  r.dev->fault = MockDevice::Fault::Silent;
  try {
    r.model.telemetry();
    FAIL();
  } catch (const DeviceError& e) {
    EXPECT_STREQ(e.what(), "device /mock/eps did not answer within 100 ms");
  }
  EXPECT_THROW(r.model.noop(), DeviceError);
}

TEST(EpsModel, EPS_6_UnpluggedThenReplugHealsWithoutRestart) {
  Rig r;
  EXPECT_TRUE(r.model.noop());
  r.dev->fault = MockDevice::Fault::Unplugged;
  try {
    r.model.power();
    FAIL();
  } catch (const DeviceError& e) {
    EXPECT_EQ(std::string(e.what()), "device not available: cannot open /mock/eps: No such file or directory");
  }
  EXPECT_FALSE(r.dev->isOpen());
  r.dev->fault = MockDevice::Fault::None;  // plugged back in
  EXPECT_TRUE(r.model.noop());
  EXPECT_EQ(r.model.power().state, PowerState::On);
}

// The message of the DeviceError that a telemetry read throws ("" if none).
std::string telemetryError(Rig& r) {
  try {
    r.model.telemetry();
  } catch (const DeviceError& e) {
    return e.what();
  }
  return "";
}

TEST(EpsModel, EPS_28_GarbageAndCutOffRepliesSaySo) {
  Rig r;
  r.dev->fault = MockDevice::Fault::GarbageOnly;
  EXPECT_EQ(telemetryError(r), "device /mock/eps answered garbage: 20 bytes without a frame within 100 ms");
  r.dev->fault = MockDevice::Fault::Truncated;
  EXPECT_EQ(telemetryError(r), "reply from device /mock/eps was cut off: 10 bytes and no complete frame within 100 ms");
  r.dev->fault = MockDevice::Fault::None;
  EXPECT_EQ(r.model.power().state, PowerState::On);
}

TEST(EpsModel, EPS_7_DeadLineIsReopenedTransparently) {
  Rig r;
  EXPECT_TRUE(r.model.noop());
  const int opens = r.dev->opens;
  r.dev->fault = MockDevice::Fault::HangUpNextRead;  // replugged between requests
  EXPECT_TRUE(r.model.noop());
  EXPECT_EQ(r.dev->opens, opens + 1);
}

TEST(EpsModel, EPS_8_LineNoiseIsRetriedOnceThenReported) {
  Rig r;
  r.dev->fault = MockDevice::Fault::CorruptNextReply;
  EXPECT_EQ(r.model.power().state, PowerState::On);  // second try succeeds
  r.dev->fault = MockDevice::Fault::GarbageFirst;
  EXPECT_TRUE(r.model.noop());  // resyncs past junk before the frame
  r.dev->fault = MockDevice::Fault::CorruptCommands;
  try {
    r.model.telemetry();
    FAIL();
  } catch (const DeviceError& e) {
    EXPECT_STREQ(e.what(), "device refused GET_TELEMETRY: bad checksum");
  }
}
