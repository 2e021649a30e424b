// Value edges where the engine once answered otherwise than graphql-js (found
// by the random differential test, tests/graphql-random): JavaScript's
// white-space set in Number(), JSON.parse's Infinity and lone surrogates, and
// SDL defaults that do not coerce.
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "graphql/engine.h"
#include "graphql/schema.h"
#include "graphql/value.h"

namespace {

namespace gql = kubos::graphql;

// The response graphql-exec would print for `query` over `rootJson` (read as JSON.parse reads it).
std::string run(const std::string& sdl, const std::string& query, const std::string& rootJson = "{}") {
  std::vector<gql::GraphQLError> errors;
  auto schema = gql::Schema::fromSDL(sdl, &errors);
  if (!schema) return "schema refused: " + (errors.empty() ? std::string() : errors[0].message);
  auto root = gql::parseJsonLikeJavaScript(rootJson);
  if (!root) return "root refused";
  gql::Engine engine(schema);
  gql::Request request;
  request.query = query;
  return gql::resultToJson(engine.execute(request, &*root));
}

TEST(ValueEdges, GQL_18_numeric_strings_strip_javascript_white_space) {
  const std::string sdl = "type Query { a: Int b: Float c: Int d: Int }";
  // U+00A0 and U+3000 around, U+FEFF and U+2028 before, U+205F after: all stripped as Number() strips them.
  EXPECT_EQ(run(sdl, "{ a b c }", R"({"a":"\u00a012\u3000","b":"\ufeff\u2028 1.5","c":"7\u205f\u2009"})"),
            R"({"data":{"a":12,"b":1.5,"c":7}})");
  // U+200B (zero width space) and U+0085 are not white space in JavaScript.
  EXPECT_EQ(run(sdl, "{ d }", R"({"d":"\u200b12"})"),
            "{\"errors\":[{\"message\":\"Int cannot represent non-integer value: \\\"\u200b12\\\"\","
            "\"locations\":[{\"line\":1,\"column\":3}],\"path\":[\"d\"]}],\"data\":{\"d\":null}}");
}

TEST(ValueEdges, GQL_19_json_numbers_beyond_double_range_are_infinity) {
  auto v = gql::parseJsonLikeJavaScript(R"([1e400,-1E999,4.9e-325,100000000000000000000000,-0,7])");
  ASSERT_TRUE(v);
  const auto& l = v->asList();
  EXPECT_TRUE(std::isinf(l[0].asFloat()) && l[0].asFloat() > 0);
  EXPECT_TRUE(std::isinf(l[1].asFloat()) && l[1].asFloat() < 0);
  EXPECT_GE(l[2].asFloat(), 0.0);
  EXPECT_EQ(l[3].asFloat(), 1e23);
  EXPECT_TRUE(l[5].isInt());
  // The services' strict reader still refuses them.
  EXPECT_FALSE(gql::parseJson("1e400"));
  EXPECT_EQ(run("scalar J type Query { i: Int f: Float j: J }", "{ i f j }", R"({"i":1e400,"f":-1e400,"j":1e400})"),
            R"({"errors":[{"message":"Int cannot represent non-integer value: Infinity","locations":[{"line":1,"column":3}],"path":["i"]},)"
            R"({"message":"Float cannot represent non numeric value: -Infinity","locations":[{"line":1,"column":5}],"path":["f"]}],)"
            R"("data":{"i":null,"f":null,"j":null}})");
}

TEST(ValueEdges, GQL_20_lone_surrogate_escapes_are_kept_and_written_back) {
  auto v = gql::parseJsonLikeJavaScript(R"(["\ud800x","a\udfff","\ud83d\ude00","\uDBFF\u0041"])");
  ASSERT_TRUE(v);
  EXPECT_EQ(gql::toJson(*v), "[\"\\ud800x\",\"a\\udfff\",\"\xF0\x9F\x98\x80\",\"\\udbffA\"]");
  EXPECT_FALSE(gql::parseJson(R"("\ud800x")"));
  EXPECT_EQ(run("type Query { s: String }", "{ s }", R"({"s":"\ud800x"})"), R"({"data":{"s":"\ud800x"}})");
}

TEST(ValueEdges, GQL_22_javascript_reader_is_still_strict_json) {
  gql::JsonParseError err;
  for (const char* bad : {"", "[1,]", "{\"a\" 1}", "01", "1.", "-", "\"\\x\"", "\"a", "[1] 2", "NaN", "\"\xff\"", "{,}",
                          "\"\\u12\"", "\"tab\there\""}) {
    EXPECT_FALSE(gql::parseJsonLikeJavaScript(bad, &err)) << bad;
    EXPECT_FALSE(err.message.empty()) << bad;
  }
  std::string deep(600, '[');
  EXPECT_FALSE(gql::parseJsonLikeJavaScript(deep + std::string(600, ']'), &err));
  auto v = gql::parseJsonLikeJavaScript(R"( {"a":[],"b":{},"a":[true,false,null,"\"\\\/\b\f\n\r\t"]} )");
  ASSERT_TRUE(v);
  EXPECT_EQ(gql::toJson(*v), R"({"a":[true,false,null,"\"\\/\b\f\n\r\t"],"b":{}})");
}

TEST(ValueEdges, GQL_21_sdl_default_that_does_not_coerce_is_no_default) {
  const std::string sdl = "input In { x: Int } type Query { f(a: In! = 1, n: Int! = null, ok: Int! = 2): Int }";
  EXPECT_EQ(run(sdl, "{ f }"),
            R"({"errors":[{"message":"Field \"f\" argument \"a\" of type \"In!\" is required, but it was not provided.","locations":[{"line":1,"column":3}]},)"
            R"({"message":"Field \"f\" argument \"n\" of type \"Int!\" is required, but it was not provided.","locations":[{"line":1,"column":3}]}]})");
}

}  // namespace
