// Requirement GQL-JSON: JSON in and out as JavaScript reads and writes it.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <string>

#include "graphql/value.h"

using kubos::graphql::Value;

namespace {
std::string roundTrip(const std::string& json) {
  kubos::graphql::JsonParseError err;
  auto v = kubos::graphql::parseJson(json, &err);
  if (!v) return "ERROR: " + err.message;
  return kubos::graphql::toJson(*v);
}
}  // namespace

TEST(ValueJson, GQL_11_KeepsKeyOrderAndTypes) {
  EXPECT_EQ(roundTrip(R"({"b":1,"a":[true,false,null],"c":"x"})"), R"({"b":1,"a":[true,false,null],"c":"x"})");
  auto v = kubos::graphql::parseJson(R"({"i":1,"f":1.5,"big":9007199254740993,"huge":1e300})");
  ASSERT_TRUE(v && v->isObject());
  EXPECT_TRUE(v->find("i")->isInt());
  EXPECT_TRUE(v->find("f")->isFloat());
  EXPECT_TRUE(v->find("big")->isInt());
  EXPECT_TRUE(v->find("huge")->isFloat());
}

TEST(ValueJson, GQL_11_NumbersPrintLikeJavaScript) {
  EXPECT_EQ(kubos::graphql::toJson(Value(1.0)), "1");
  EXPECT_EQ(kubos::graphql::toJson(Value(-0.0)), "0");
  EXPECT_EQ(kubos::graphql::toJson(Value(1.5)), "1.5");
  EXPECT_EQ(kubos::graphql::toJson(Value(0.1)), "0.1");
  EXPECT_EQ(kubos::graphql::toJson(Value(1e21)), "1e+21");
  EXPECT_EQ(kubos::graphql::toJson(Value(1e20)), "100000000000000000000");
  EXPECT_EQ(kubos::graphql::toJson(Value(0.000001)), "0.000001");
  EXPECT_EQ(kubos::graphql::toJson(Value(0.0000001)), "1e-7");
  EXPECT_EQ(kubos::graphql::toJson(Value(-1.25e-10)), "-1.25e-10");
  EXPECT_EQ(kubos::graphql::toJson(Value(123456.789)), "123456.789");
  EXPECT_EQ(kubos::graphql::toJson(Value(2.5e300)), "2.5e+300");
  EXPECT_EQ(kubos::graphql::toJson(Value(std::nan(""))), "null");
  EXPECT_EQ(kubos::graphql::toJson(Value(static_cast<long long>(INT64_MIN))), "-9223372036854775808");
}

TEST(ValueJson, GQL_11_StringsEscapeLikeJsonStringify) {
  EXPECT_EQ(kubos::graphql::toJson(Value("a\"b\\c\n\t\x01")), R"("a\"b\\c\n\t\u0001")");
  EXPECT_EQ(kubos::graphql::toJson(Value("héllo ✓ 😀")), "\"héllo ✓ 😀\"");
  // Invalid UTF-8 never produces invalid JSON.
  EXPECT_EQ(kubos::graphql::toJson(Value(std::string("a\xff" "b"))), R"("a\ufffdb")");
  EXPECT_EQ(roundTrip(R"("\u0000x\ud83d\ude00")"), "\"\\u0000x😀\"");
}

TEST(ValueJson, GQL_11_IntegersAndFloatsStayDistinct) {
  auto v = kubos::graphql::parseJson(R"([1, 1.0, -5, 18446744073709551615])");
  ASSERT_TRUE(v);
  const auto& l = v->asList();
  EXPECT_TRUE(l[0].isInt());
  EXPECT_TRUE(l[1].isFloat());
  EXPECT_EQ(l[2].asInt(), -5);
  EXPECT_TRUE(l[3].isFloat());
  EXPECT_EQ(l[0], l[1]);  // same JSON number
}

TEST(ValueJson, GQL_11_MalformedInputGivesAnErrorWithOffset) {
  kubos::graphql::JsonParseError err;
  EXPECT_FALSE(kubos::graphql::parseJson(R"({"a":1,})", &err));
  EXPECT_NE(err.message.find("offset 7"), std::string::npos) << err.message;
  EXPECT_FALSE(kubos::graphql::parseJson("[1] x", &err));
  EXPECT_FALSE(kubos::graphql::parseJson("", &err));
  EXPECT_FALSE(kubos::graphql::parseJson("NaN", &err));
  EXPECT_FALSE(kubos::graphql::parseJson("\"\xff\"", &err));
}

TEST(ValueJson, GQL_11_DeepNestingIsAnErrorNotAStackOverflow) {
  std::string deep(100000, '[');
  kubos::graphql::JsonParseError err;
  EXPECT_FALSE(kubos::graphql::parseJson(deep, &err, 512));
  EXPECT_NE(err.message.find("deeper than 512"), std::string::npos) << err.message;
  std::string ok = std::string(100, '[') + std::string(100, ']');
  EXPECT_TRUE(kubos::graphql::parseJson(ok, &err, 512));
}

TEST(ValueJson, GQL_11_DuplicateKeysLastWins) {
  EXPECT_EQ(roundTrip(R"({"a":1,"b":2,"a":3})"), R"({"a":3,"b":2})");
}

TEST(Value, ObjectHelpers) {
  Value o = Value::object();
  o.add("x", 1);
  o.set("y", "s");
  o.set("x", 2);
  EXPECT_EQ(kubos::graphql::toJson(o), R"({"x":2,"y":"s"})");
  EXPECT_EQ(o.find("z"), nullptr);
  Value h = kubos::graphql::Handle{&o, 7};
  EXPECT_TRUE(h.isHandle());
  EXPECT_EQ(kubos::graphql::toJson(h), "null");
}
