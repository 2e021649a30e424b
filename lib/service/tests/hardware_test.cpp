// Requirements SK-HW-*: the hardware base schema and its defaults.
#include <gtest/gtest.h>

#include "graphql/engine.h"
#include "service/hardware.h"

namespace {

std::string run(gql::Engine& e, const std::string& query) {
  gql::Request r;
  r.query = query;
  return gql::resultToJson(e.execute(r));
}

}  // namespace

TEST(Hardware, SKHW1_BaseSchemaBuildsAloneWithDefaults) {
  std::string err;
  auto s = kit::hw::buildSchema("", {}, &err);
  ASSERT_TRUE(s) << err;
  gql::Engine e(s);
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
  kit::hw::Handlers h;
  h.config = [] { return std::string("primary"); };
  h.controlPower = [](const std::string& state) { return kit::hw::PowerState{state, 0}; };
  h.noop = [] { return false; };
  std::string err;
  auto s = kit::hw::buildSchema("extend type Query { voltage: Float }", h, &err);
  ASSERT_TRUE(s) << err;
  ASSERT_TRUE(kit::hw::bindField(*s, "Query.voltage",
                                 [](const gql::Value&, const gql::Value&, const gql::ResolveInfo&) -> gql::Value {
                                   return 3.3;
                                 },
                                 &err))
      << err;
  gql::Engine e(s);
  EXPECT_EQ(run(e, "{config voltage}"), R"({"data":{"config":"primary","voltage":3.3}})");
  EXPECT_EQ(run(e, "mutation{controlPower(input:{state:RESET}){power{state uptime}}}"),
            R"({"data":{"controlPower":{"power":{"state":"RESET","uptime":0}}}})");
  EXPECT_EQ(run(e, "mutation{noop}"), R"({"data":{"noop":false}})");
}

TEST(Hardware, SKHW3_HandlerExceptionBecomesFieldError) {
  kit::hw::Handlers h;
  h.power = []() -> kit::hw::PowerState { throw std::runtime_error("bus timeout"); };
  std::string err;
  auto s = kit::hw::buildSchema("", h, &err);
  ASSERT_TRUE(s);
  gql::Engine e(s);
  const std::string out = run(e, "{power{state} ping}");
  EXPECT_NE(out.find(R"("message":"bus timeout")"), std::string::npos) << out;
  EXPECT_NE(out.find(R"("ping":"pong")"), std::string::npos) << out;
}

TEST(Hardware, SKHW4_CommandRawCodecs) {
  EXPECT_EQ(kit::hw::decodeCommand("0a0B", "HEX"), (kit::Bytes{0x0a, 0x0b}));
  EXPECT_EQ(kit::hw::decodeCommand("hi", "STR"), kit::bytesOf("hi"));
  try {
    kit::hw::decodeCommand("0g", "HEX");
    FAIL();
  } catch (const gql::FieldError& e) {
    EXPECT_STREQ(e.what(), "Invalid HEX command: invalid hex digit 'g' at position 1");
  }
  EXPECT_EQ(gql::toJson(kit::hw::encodeRawResponse(kit::bytesOf("ok"), "STR")), R"({"response":"ok","format":"STR"})");
  EXPECT_EQ(gql::toJson(kit::hw::encodeRawResponse(kit::Bytes{0xff, 0x00}, "STR")),
            R"({"response":"ff00","format":"HEX"})");
  EXPECT_EQ(gql::toJson(kit::hw::encodeRawResponse(kit::bytesOf("ok"), "HEX")), R"({"response":"6f6b","format":"HEX"})");
}

TEST(Hardware, SKHW5_BadDeviceSdlNamesTheProblem) {
  std::string err;
  EXPECT_FALSE(kit::hw::buildSchema("extend type Nope { x: Int }", {}, &err));
  EXPECT_NE(err.find("Nope"), std::string::npos) << err;
  EXPECT_FALSE(kit::hw::bindField(*kit::hw::buildSchema("", {}, &err), "Query", {}, &err));
  EXPECT_NE(err.find("expected Type.field"), std::string::npos);
}
