// Requirements EPS-9 to EPS-14 (README.md): the whole schema through the GraphQL engine,
// with the mock device behind the model.
#include <gtest/gtest.h>

#include "graphql/engine.h"
#include "service/graphql_http.h"
#include "mock_device.h"
#include "resolvers.h"

using namespace kubos::sim_eps_service;
using kubos::sim_eps_service::mock::MockDevice;
using namespace std::chrono_literals;

namespace {
struct Rig {
  MockDevice* dev = nullptr;
  std::unique_ptr<EpsModel> model;
  std::unique_ptr<kubos::graphql::Engine> engine;
  std::unique_ptr<kubos::service::GraphQLHttpHandler> handler;  // the request path the service runs
  Rig() {
    auto d = std::make_unique<MockDevice>();
    dev = d.get();
    model = std::make_unique<EpsModel>(std::move(d), 100ms);
    std::string error;
    auto schema = buildSchema(*model, {"/mock/eps", 115200, 100}, &error);
    if (!schema) throw std::runtime_error(error);
    engine = std::make_unique<kubos::graphql::Engine>(schema);
    kubos::service::GraphQLHttpOptions options;
    options.logErrors = false;
    handler = std::make_unique<kubos::service::GraphQLHttpHandler>(*engine, options);
  }
  kubos::graphql::Value run(const std::string& query) {
    kubos::service::HttpRequest post;
    post.method = "POST";
    post.target = "/";
    post.body = kubos::graphql::toJson(kubos::graphql::Value(kubos::graphql::ValueObject{{"query", query}}));
    const std::string body = handler->handle(post).body;
    auto v = kubos::graphql::parseJson(body);
    EXPECT_TRUE(v) << body;
    return v ? *v : kubos::graphql::Value();
  }
  std::string json(const std::string& query) { return kubos::graphql::toJson(run(query)); }
};
}  // namespace

TEST(EpsSchema, EPS_9_PingAndConfigNeverTouchTheDevice) {
  Rig r;
  r.dev->fault = MockDevice::Fault::Unplugged;
  EXPECT_EQ(r.json("{ping config}"),
            R"({"data":{"ping":"pong","config":"{\"bus\":\"/mock/eps\",\"baud\":115200,\"timeout_ms\":100}"}})");
  EXPECT_EQ(r.dev->commands, 0);
}

TEST(EpsSchema, EPS_10_PowerAndTelemetryComeFromTheDevice) {
  Rig r;
  kubos::graphql::Value v = r.run("{power{state uptime} telemetry{batteryVoltage batteryCurrent temperature uptime powerState resetCount batteryCharge}}");
  const kubos::graphql::Value* data = v.find("data");
  ASSERT_TRUE(data && !v.find("errors")) << kubos::graphql::toJson(v);
  EXPECT_EQ(kubos::graphql::toJson(*data->find("power")), R"({"state":"ON","uptime":0})");
  const kubos::graphql::Value* t = data->find("telemetry");
  ASSERT_TRUE(t);
  EXPECT_GT(t->find("batteryVoltage")->asNumber(), 7.0);
  EXPECT_EQ(t->find("powerState")->asString(), "ON");
  EXPECT_EQ(t->find("resetCount")->asInt(), 0);
}

TEST(EpsSchema, EPS_11_NoopAndControlPower) {
  Rig r;
  EXPECT_EQ(r.json("mutation{noop}"), R"({"data":{"noop":true}})");
  EXPECT_EQ(r.json("mutation{controlPower(input:{state:OFF}){power{state}}}"),
            R"({"data":{"controlPower":{"power":{"state":"OFF"}}}})");
  EXPECT_EQ(r.json("mutation{controlPower(input:{state:RESET}){power{state uptime}}}"),
            R"({"data":{"controlPower":{"power":{"state":"RESET","uptime":0}}}})");
  r.dev->fault = MockDevice::Fault::WrongEcho;
  EXPECT_EQ(r.json("mutation{noop}"), R"({"data":{"noop":false}})");
}

TEST(EpsSchema, EPS_12_CommandRawHexStrAndRead) {
  Rig r;
  EXPECT_EQ(r.json(R"(mutation{commandRaw(input:{command:"version",format:STR}){response format}})"),
            R"({"data":{"commandRaw":{"response":"SIM-EPS 1.0.0","format":"STR"}}})");
  // "version" in hex, answer asked in HEX.
  EXPECT_EQ(r.json(R"(mutation{commandRaw(input:{command:"76657273696f6e",format:HEX,read:3}){response format}})"),
            R"({"data":{"commandRaw":{"response":"53494d","format":"HEX"}}})");
  // Binary answer to a STR command comes back as HEX.
  EXPECT_EQ(r.json(R"(mutation{commandRaw(input:{command:"01000002",format:HEX}){response format}})"),
            R"({"data":{"commandRaw":{"response":"0b30","format":"HEX"}}})");
}

TEST(EpsSchema, EPS_13_BadHexIsAFieldErrorNotACrash) {
  Rig r;
  kubos::graphql::Value v = r.run(R"(mutation{commandRaw(input:{command:"zz",format:HEX}){response}})");
  ASSERT_TRUE(v.find("errors"));
  EXPECT_EQ(kubos::graphql::toJson(*v.find("data")), R"({"commandRaw":null})");
  EXPECT_EQ(r.dev->commands, 0);
  v = r.run(R"(mutation{commandRaw(input:{command:"version",format:STR,read:-1}){response}})");
  ASSERT_TRUE(v.find("errors"));
}

TEST(EpsSchema, EPS_14_DeviceGoneMakesDeviceFieldsErrorsAndHeals) {
  Rig r;
  r.dev->fault = MockDevice::Fault::Unplugged;
  kubos::graphql::Value v = r.run("{ping power{state} telemetry{uptime}}");
  EXPECT_EQ(kubos::graphql::toJson(*v.find("data")), R"({"ping":"pong","power":null,"telemetry":null})");
  ASSERT_TRUE(v.find("errors"));
  ASSERT_EQ(v.find("errors")->asList().size(), 2u);
  EXPECT_EQ(v.find("errors")->asList()[0].find("message")->asString(),
            "device not available: cannot open /mock/eps: No such file or directory");
  r.dev->fault = MockDevice::Fault::None;
  EXPECT_EQ(r.json("{power{state}}"), R"({"data":{"power":{"state":"ON"}}})");
}

TEST(EpsSchema, EPS_30_TelemetryHasNoPlaceholderAndEveryFieldAnswers) {
  Rig r;
  const kubos::graphql::Type* t = r.engine->schema().getType("Telemetry");
  ASSERT_TRUE(t && t->kind == kubos::graphql::TypeKind::Object);
  const auto& telemetry = t->as<kubos::graphql::ObjectType>();
  EXPECT_EQ(telemetry.findField("field1"), nullptr) << "the base schema's placeholder must not be served";
  std::string all;
  for (const auto& f : telemetry.fields) all += f.name + " ";
  kubos::graphql::Value v = r.run("{telemetry{" + all + "}}");
  ASSERT_FALSE(v.find("errors")) << kubos::graphql::toJson(v);
  const kubos::graphql::Value* got = v.find("data")->find("telemetry");
  ASSERT_TRUE(got && got->isObject());
  for (const auto& f : telemetry.fields) {
    const kubos::graphql::Value* value = got->find(f.name);
    ASSERT_TRUE(value) << f.name;
    EXPECT_FALSE(value->isNull()) << f.name << " answers a silent null";
  }
}
