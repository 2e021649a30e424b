// Requirements SK-HW-*: the hardware base schema and its defaults.
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

TEST(Hardware, SKHW1_BaseSchemaBuildsAloneWithDefaults) {
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

TEST(Hardware, SKHW2_HandlersAndDeviceFields) {
  kubos::service::hardware::Handlers h;
  h.config = [] { return std::string("primary"); };
  h.controlPower = [](const std::string& state) { return kubos::service::hardware::PowerState{state, 0}; };
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

TEST(Hardware, SKHW3_HandlerExceptionBecomesFieldError) {
  kubos::service::hardware::Handlers h;
  h.power = []() -> kubos::service::hardware::PowerState { throw std::runtime_error("bus timeout"); };
  std::string err;
  auto s = kubos::service::hardware::buildSchema("", h, &err);
  ASSERT_TRUE(s);
  kubos::graphql::Engine e(s);
  const std::string out = run(e, "{power{state} ping}");
  EXPECT_NE(out.find(R"("message":"bus timeout")"), std::string::npos) << out;
  EXPECT_NE(out.find(R"("ping":"pong")"), std::string::npos) << out;
}

TEST(Hardware, SKHW4_CommandRawCodecs) {
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

TEST(Hardware, SKHW5_BadDeviceSdlNamesTheProblem) {
  std::string err;
  EXPECT_FALSE(kubos::service::hardware::buildSchema("extend type Nope { x: Int }", {}, &err));
  EXPECT_NE(err.find("Nope"), std::string::npos) << err;
  EXPECT_FALSE(kubos::service::hardware::bindField(*kubos::service::hardware::buildSchema("", {}, &err), "Query", {}, &err));
  EXPECT_NE(err.find("expected Type.field"), std::string::npos);
}
