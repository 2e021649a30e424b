// Requirements SK-HW-*: the hardware base schema, its defaults and its types.
#include <gtest/gtest.h>

#include "graphql/engine.h"
#include "service/hardware.h"

namespace {

std::string run(kubos::graphql::Engine& e, const std::string& query) {
  kubos::graphql::Request r;
  r.query = query;
  return kubos::graphql::resultToJson(e.execute(r));
}

}  // namespace

TEST(Hardware, SK_HW_2_BaseSchemaBuildsAloneWithDefaults) {
  std::string err;
  auto s = kubos::service::hardware::buildSchema("", {}, &err);
  ASSERT_TRUE(s) << err;
  kubos::graphql::Engine e(s);
  EXPECT_EQ(run(e, "{ping}"), R"({"data":{"ping":"pong"}})");
  for (const char* q : {"{config}", "{power{state}}", "{telemetry{field1}}", "mutation{noop}",
                        "mutation{controlPower(input:{state:ON}){power{state}}}",
                        "mutation{commandRaw(input:{command:\"00\",format:HEX}){response}}"}) {
    const std::string out = run(e, q);
    EXPECT_NE(out.find(R"("message":"Not Implemented")"), std::string::npos) << q << " -> " << out;
    EXPECT_NE(out.find(R"("path":[)"), std::string::npos) << q << " -> " << out;
  }
}

TEST(Hardware, SK_HW_8_HandlersAndDeviceFields) {
  kubos::service::hardware::Handlers h;
  h.config = [] { return std::string("primary"); };
  h.controlPower = [](kubos::service::hardware::PowerState target) { return kubos::service::hardware::PowerStatus{target, 0}; };
  h.noop = [] { return false; };
  std::string err;
  auto s = kubos::service::hardware::buildSchema("extend type Query { voltage: Float }", h, &err);
  ASSERT_TRUE(s) << err;
  ASSERT_TRUE(kubos::service::hardware::bindField(*s, "Query.voltage",
                                 [](const kubos::graphql::Value&, const kubos::graphql::Value&, const kubos::graphql::ResolveInfo&) -> kubos::graphql::Value {
                                   return 3.3;
                                 },
                                 &err))
      << err;
  kubos::graphql::Engine e(s);
  EXPECT_EQ(run(e, "{config voltage}"), R"({"data":{"config":"primary","voltage":3.3}})");
  EXPECT_EQ(run(e, "mutation{controlPower(input:{state:RESET}){power{state uptime}}}"),
            R"({"data":{"controlPower":{"power":{"state":"RESET","uptime":0}}}})");
  EXPECT_EQ(run(e, "mutation{noop}"), R"({"data":{"noop":false}})");
}

TEST(Hardware, SK_HW_3_HandlerExceptionBecomesFieldError) {
  kubos::service::hardware::Handlers h;
  h.power = []() -> kubos::service::hardware::PowerStatus { throw std::runtime_error("bus timeout"); };
  std::string err;
  auto s = kubos::service::hardware::buildSchema("", h, &err);
  ASSERT_TRUE(s);
  kubos::graphql::Engine e(s);
  const std::string out = run(e, "{power{state} ping}");
  EXPECT_NE(out.find(R"("message":"bus timeout")"), std::string::npos) << out;
  EXPECT_NE(out.find(R"("ping":"pong")"), std::string::npos) << out;
}

TEST(Hardware, SK_HW_4_CommandRawCodecs) {
  EXPECT_EQ(kubos::service::hardware::decodeCommand("0a0B", "HEX"), (kubos::service::Bytes{0x0a, 0x0b}));
  EXPECT_EQ(kubos::service::hardware::decodeCommand("hi", "STR"), kubos::service::bytesOf("hi"));
  try {
    kubos::service::hardware::decodeCommand("0g", "HEX");
    FAIL();
  } catch (const kubos::graphql::FieldError& e) {
    EXPECT_STREQ(e.what(), "Invalid HEX command: invalid hex digit 'g' at position 1");
  }
  EXPECT_EQ(kubos::graphql::toJson(kubos::service::hardware::encodeRawResponse(kubos::service::bytesOf("ok"), "STR")), R"({"response":"ok","format":"STR"})");
  EXPECT_EQ(kubos::graphql::toJson(kubos::service::hardware::encodeRawResponse(kubos::service::Bytes{0xff, 0x00}, "STR")),
            R"({"response":"ff00","format":"HEX"})");
  EXPECT_EQ(kubos::graphql::toJson(kubos::service::hardware::encodeRawResponse(kubos::service::bytesOf("ok"), "HEX")), R"({"response":"6f6b","format":"HEX"})");
}

TEST(Hardware, SK_HW_9_BadDeviceSdlNamesTheProblem) {
  std::string err;
  EXPECT_FALSE(kubos::service::hardware::buildSchema("extend type Nope { x: Int }", {}, &err));
  EXPECT_NE(err.find("Nope"), std::string::npos) << err;
  EXPECT_FALSE(kubos::service::hardware::bindField(*kubos::service::hardware::buildSchema("", {}, &err), "Query", {}, &err));
  EXPECT_NE(err.find("expected Type.field"), std::string::npos);
}

TEST(Hardware, SK_HW_7_PowerStateIsOneEnumAndAnUnknownStateIsAnError) {
  using kubos::service::hardware::PowerState;
  for (PowerState s : {PowerState::On, PowerState::Off, PowerState::Reset}) {
    EXPECT_EQ(kubos::service::hardware::parsePowerState(kubos::service::hardware::powerStateName(s)), s);
  }
  EXPECT_EQ(kubos::service::hardware::parsePowerState("SLEEP"), std::nullopt);
  EXPECT_EQ(kubos::service::hardware::parsePowerState("on"), std::nullopt);

  // A device schema that adds an enum value the kit does not know gets an
  // error for it; the handler is never called with a guessed state.
  kubos::service::hardware::Handlers h;
  int calls = 0;
  h.controlPower = [&calls](PowerState target) {
    ++calls;
    return kubos::service::hardware::PowerStatus{target, 0};
  };
  std::string err;
  auto s = kubos::service::hardware::buildSchema("extend enum PowerStateEnum { SLEEP }", h, &err);
  ASSERT_TRUE(s) << err;
  kubos::graphql::Engine e(s);
  const std::string out = run(e, "mutation{controlPower(input:{state:SLEEP}){power{state}}}");
  EXPECT_NE(out.find(R"(unknown power state \"SLEEP\" (expected ON, OFF or RESET))"), std::string::npos) << out;
  EXPECT_EQ(calls, 0);
  EXPECT_EQ(run(e, "mutation{controlPower(input:{state:OFF}){power{state}}}"),
            R"({"data":{"controlPower":{"power":{"state":"OFF"}}}})");
  EXPECT_EQ(calls, 1);
}

TEST(Hardware, SK_HW_11_TelemetryPlaceholderOnlyWithoutTelemetryOfItsOwn) {
  std::string err;
  auto bare = kubos::service::hardware::buildSchema("extend type Query { voltage: Float }", {}, &err);
  ASSERT_TRUE(bare) << err;
  const auto* t = bare->getType("Telemetry");
  ASSERT_TRUE(t);
  EXPECT_TRUE(t->as<kubos::graphql::ObjectType>().findField("field1")) << "a service with no telemetry keeps the placeholder";
  auto own = kubos::service::hardware::buildSchema("extend type Telemetry { \"Volts.\" voltage: Float }", {}, &err);
  ASSERT_TRUE(own) << err;
  const auto& fields = own->getType("Telemetry")->as<kubos::graphql::ObjectType>().fields;
  ASSERT_EQ(fields.size(), 1u);
  EXPECT_EQ(fields[0].name, "voltage");
  kubos::graphql::Engine e(own);
  EXPECT_NE(run(e, "{telemetry{field1}}").find("Cannot query field \\\"field1\\\" on type \\\"Telemetry\\\""), std::string::npos)
      << run(e, "{telemetry{field1}}");
}
