// The engine facade: request/response JSON, the document cache, the limits.
// Expected responses are graphql-js 16.15's graphql() output
// (JSON.stringify of the result) for the same schema and root value.
#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "graphql/engine.h"
#include "graphql/schema.h"
#include "graphql/value.h"

namespace {

using kubos::graphql::Value;

const char* kSdl = "type Query { ping: String n(x: Int): Int nn: Int! q: Query } type Mutation { set(v: Int!): Int }";

std::shared_ptr<kubos::graphql::Schema> makeSchema() {
  std::vector<kubos::graphql::GraphQLError> errors;
  auto schema = kubos::graphql::Schema::fromSDL(kSdl, &errors);
  EXPECT_TRUE(schema) << (errors.empty() ? "" : errors[0].message);
  if (schema) {
    EXPECT_TRUE(schema->bindResolver("Mutation", "set", [](const Value&, const Value& args, const kubos::graphql::ResolveInfo&) {
      return *args.find("v");
    }));
  }
  return schema;
}

Value rootValue() { return *kubos::graphql::parseJson(R"({"ping":"pong","n":1,"nn":null})"); }

struct EngineTest : ::testing::Test {
  std::shared_ptr<kubos::graphql::Schema> schema = makeSchema();
  Value root = rootValue();
  // One request object through requestFromValue and execute, as the service
  // kit's handler runs it (batches and HTTP are the kit's; see lib/service).
  std::string post(kubos::graphql::Engine& e, std::string_view body) {
    auto parsed = kubos::graphql::parseJson(body);
    if (!parsed) return kubos::graphql::errorsJson("Unparsable JSON body");
    std::string error;
    auto request = kubos::graphql::requestFromValue(*parsed, &error);
    if (!request) return kubos::graphql::errorsJson(error);
    return kubos::graphql::resultToJson(e.execute(*request, &root));
  }
};

// Requirement: a request object in, graphql-js's response JSON out.
TEST_F(EngineTest, ExecutesRequestObject) {
  ASSERT_TRUE(schema);
  kubos::graphql::Engine engine(schema);
  EXPECT_EQ(post(engine, R"({"query":"{ ping }"})"), R"({"data":{"ping":"pong"}})");
  EXPECT_EQ(post(engine, R"({"query":"mutation M { set(v: 3) } query Q { ping }","operationName":"M"})"),
            R"({"data":{"set":3}})");
  EXPECT_EQ(post(engine, R"({"query":"query ($x: Int) { n(x: $x) }","variables":{"x":2},"extensions":{}})"),
            R"({"data":{"n":1}})");
}

// Requirement: with both, "errors" comes before "data", as JSON.stringify of
// graphql-js's ExecutionResult; errors carry locations and path.
TEST_F(EngineTest, GQL_11_ErrorsBeforeData) {
  ASSERT_TRUE(schema);
  kubos::graphql::Engine engine(schema);
  EXPECT_EQ(post(engine, R"({"query":"{ nn ping }"})"),
            R"({"errors":[{"message":"Cannot return null for non-nullable field Query.nn.","locations":[{"line":1,"column":3}],"path":["nn"]}],"data":null})");
}

// Requirement: syntax, validation and variable errors give "errors" only (no "data").
TEST_F(EngineTest, GQL_11_RequestErrorsHaveNoData) {
  ASSERT_TRUE(schema);
  kubos::graphql::Engine engine(schema);
  EXPECT_EQ(post(engine, R"({"query":"{ nope }"})"),
            R"({"errors":[{"message":"Cannot query field \"nope\" on type \"Query\".","locations":[{"line":1,"column":3}]}]})");
  EXPECT_EQ(post(engine, R"({"query":"{ ping"})"),
            R"({"errors":[{"message":"Syntax Error: Expected Name, found <EOF>.","locations":[{"line":1,"column":7}]}]})");
  EXPECT_EQ(post(engine, R"({"query":"query ($x: Int!) { n(x: $x) }","variables":{}})"),
            R"({"errors":[{"message":"Variable \"$x\" of required type \"Int!\" was not provided.","locations":[{"line":1,"column":8}]}]})");
  EXPECT_EQ(post(engine, R"({"query":"query A { ping } query B { ping }"})"),
            R"({"errors":[{"message":"Must provide operation name if query contains multiple operations."}]})");
}

// Requirement: malformed JSON or a malformed request object gives
// {"errors":[{"message":...}]} with graphql-http's wording, never "data".
TEST_F(EngineTest, MalformedRequests) {
  ASSERT_TRUE(schema);
  kubos::graphql::Engine engine(schema);
  std::string bad = post(engine, R"({"query": )");
  EXPECT_EQ(bad, R"({"errors":[{"message":"Unparsable JSON body"}]})");
  EXPECT_EQ(bad.find("data"), std::string::npos);
  EXPECT_EQ(post(engine, R"("{ ping }")"), R"({"errors":[{"message":"JSON body must be an object"}]})");
  EXPECT_EQ(post(engine, R"({})"), R"({"errors":[{"message":"Missing query"}]})");
  EXPECT_EQ(post(engine, R"({"query":null})"), R"({"errors":[{"message":"Missing query"}]})");
  EXPECT_EQ(post(engine, R"({"query":1})"), R"({"errors":[{"message":"Invalid query"}]})");
  EXPECT_EQ(post(engine, R"({"query":"{ping}","variables":[1]})"), R"({"errors":[{"message":"Invalid variables"}]})");
  EXPECT_EQ(post(engine, R"({"query":"{ping}","variables":"{}"})"), R"({"errors":[{"message":"Invalid variables"}]})");
  EXPECT_EQ(post(engine, R"({"query":"{ping}","operationName":1})"),
            R"({"errors":[{"message":"Invalid operationName"}]})");
  EXPECT_EQ(post(engine, R"({"query":"{ping}","extensions":1})"), R"({"errors":[{"message":"Invalid extensions"}]})");
  // Explicit nulls mean "absent", as graphql-http reads them.
  EXPECT_EQ(post(engine, R"({"query":"{ping}","variables":null,"operationName":null,"extensions":null})"),
            R"({"data":{"ping":"pong"}})");
}

// Requirement: the refusal body escapes what JSON requires, control
// characters included.
TEST(EngineErrors, ErrorsJsonEscapesControlCharacters) {
  EXPECT_EQ(kubos::graphql::errorsJson("a\"b\\c\n\x01"), R"({"errors":[{"message":"a\"b\\c\n\u0001"}]})");
}

// Requirement: prepared documents are cached by query text (a repeat costs
// only execution), bounded by cacheEntries with least-recently-used eviction.
TEST_F(EngineTest, GQL_10_LruCache) {
  ASSERT_TRUE(schema);
  kubos::graphql::EngineLimits limits;
  limits.cacheEntries = 2;
  kubos::graphql::Engine engine(schema, limits);
  auto a1 = engine.prepare("{ ping }");
  auto a2 = engine.prepare("{ ping }");
  EXPECT_EQ(a1.get(), a2.get());
  EXPECT_EQ(engine.cacheSize(), 1u);
  auto b = engine.prepare("{ n }");
  (void)engine.prepare("{ ping }");  // touch: "{ n }" is now the least recent
  (void)engine.prepare("{ nn }");
  EXPECT_EQ(engine.cacheSize(), 2u);
  EXPECT_EQ(engine.prepare("{ ping }").get(), a1.get());
  EXPECT_NE(engine.prepare("{ n }").get(), b.get());  // evicted, prepared again
  EXPECT_EQ(engine.cacheSize(), 2u);
  // Invalid documents are cached too: a repeated bad query is not re-validated.
  auto bad = engine.prepare("{ nope }");
  EXPECT_FALSE(bad->ok());
  EXPECT_EQ(engine.prepare("{ nope }").get(), bad.get());
}

// Requirement: cacheEntries = 0 disables the cache.
TEST_F(EngineTest, GQL_10_CacheDisabled) {
  ASSERT_TRUE(schema);
  kubos::graphql::EngineLimits limits;
  limits.cacheEntries = 0;
  kubos::graphql::Engine engine(schema, limits);
  EXPECT_NE(engine.prepare("{ ping }").get(), engine.prepare("{ ping }").get());
  EXPECT_EQ(engine.cacheSize(), 0u);
  EXPECT_EQ(post(engine, R"({"query":"{ ping }"})"), R"({"data":{"ping":"pong"}})");
}

// Requirement: the engine is thread-safe: concurrent requests share the cache.
TEST_F(EngineTest, GQL_10_ConcurrentRequests) {
  ASSERT_TRUE(schema);
  kubos::graphql::EngineLimits limits;
  limits.cacheEntries = 4;
  kubos::graphql::Engine engine(schema, limits);
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 200; ++i) {
        std::string alias = "a" + std::to_string((i + t) % 7);
        std::string body = R"({"query":"{ )" + alias + R"(: ping }"})";
        if (post(engine, body) != R"({"data":{")" + alias + R"(":"pong"}})") ++failures;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_LE(engine.cacheSize(), 4u);
}

// Requirement: a cached document reuses its field collection, yet a
// @skip/@include that reads a variable is decided per request, and
// arguments are coerced per request.
TEST_F(EngineTest, CachedDocumentDecidesVariableDirectivesPerRequest) {
  ASSERT_TRUE(schema);
  root = *kubos::graphql::parseJson(R"({"ping":"pong","n":1,"nn":null,"q":{"ping":"pong","n":2}})");
  kubos::graphql::Engine engine(schema);
  const std::string q =
      R"("query":"query($i: Boolean!, $x: Int) { ping @include(if: $i) n(x: $x) q { ...F @skip(if: $i) } } )"
      R"(fragment F on Query { nn: ping }")";
  for (int round = 0; round < 2; ++round) {
    EXPECT_EQ(post(engine, "{" + q + R"(,"variables":{"i":true,"x":1}})"),
              R"({"data":{"ping":"pong","n":1,"q":{}}})");
    EXPECT_EQ(post(engine, "{" + q + R"(,"variables":{"i":false,"x":2}})"),
              R"({"data":{"n":1,"q":{"nn":"pong"}}})");
  }
  EXPECT_EQ(engine.cacheSize(), 1u);
}

// Requirement: literal @skip/@include outcomes are cached with the document
// and give the same result on every request.
TEST_F(EngineTest, CachedDocumentWithLiteralDirectives) {
  ASSERT_TRUE(schema);
  root = *kubos::graphql::parseJson(R"({"ping":"pong","n":1,"nn":null,"q":{"ping":"pong","n":2}})");
  kubos::graphql::Engine engine(schema);
  const std::string body =
      R"({"query":"{ ping @skip(if: true) n @include(if: true) q { a: ping @include(if: false) b: ping } }"})";
  for (int round = 0; round < 3; ++round)
    EXPECT_EQ(post(engine, body), R"({"data":{"n":1,"q":{"b":"pong"}}})");
}

// Requirement: query depth is limited, counted with fragments expanded.
TEST_F(EngineTest, GQL_3_DepthLimit) {
  ASSERT_TRUE(schema);
  kubos::graphql::EngineLimits limits;
  limits.maxQueryDepth = 3;
  kubos::graphql::Engine engine(schema, limits);
  EXPECT_EQ(post(engine, R"({"query":"{ q { q { ping } } }"})"), R"({"data":{"q":null}})");
  EXPECT_EQ(post(engine, R"({"query":"{ q { q { q { ping } } } }"})"),
            R"({"errors":[{"message":"Query depth 4 exceeds the maximum depth of 3.","locations":[{"line":1,"column":1}]}]})");
  // The same depth hidden in fragments.
  EXPECT_EQ(post(engine, R"({"query":"{ q { ...F } } fragment F on Query { q { ...G } } fragment G on Query { q { ping } }"})"),
            R"({"errors":[{"message":"Query depth 4 exceeds the maximum depth of 3.","locations":[{"line":1,"column":1}]}]})");
}

// Requirement: the field count is limited with fragments expanded, and a
// fragment bomb (each level spreading the next twice) is measured in linear
// time and refused, not expanded.
TEST_F(EngineTest, GQL_3_FieldCountLimitAndFragmentBomb) {
  ASSERT_TRUE(schema);
  kubos::graphql::EngineLimits limits;
  limits.maxFieldCount = 5;
  kubos::graphql::Engine engine(schema, limits);
  EXPECT_EQ(post(engine, R"({"query":"{ a: ping b: ping c: ping d: ping e: ping }"})"),
            R"({"data":{"a":"pong","b":"pong","c":"pong","d":"pong","e":"pong"}})");
  EXPECT_EQ(post(engine, R"({"query":"{ a: ping b: ping ...F } fragment F on Query { c: ping d: ping e: ping f: ping }"})"),
            R"({"errors":[{"message":"Query selects 6 fields (fragments expanded); the maximum is 5."}]})");

  kubos::graphql::Engine big(schema);  // default limits
  std::string query = "{ ...F0 }";
  for (int i = 0; i < 80; ++i)
    query += " fragment F" + std::to_string(i) + " on Query { ping ...F" + std::to_string(i + 1) + " q { ...F" +
             std::to_string(i + 1) + " } }";
  query += " fragment F80 on Query { ping }";
  auto prepared = big.prepare(query);
  ASSERT_FALSE(prepared->ok());
  ASSERT_EQ(prepared->errors.size(), 1u);
  EXPECT_NE(prepared->errors[0].message.find("exceeds the maximum depth"), std::string::npos)
      << prepared->errors[0].message;

  std::string wide = "{ ...F0 }";
  for (int i = 0; i < 70; ++i)
    wide += " fragment F" + std::to_string(i) + " on Query { ...F" + std::to_string(i + 1) + " ... on Query { ...F" +
            std::to_string(i + 1) + " } }";
  wide += " fragment F70 on Query { ping }";
  prepared = big.prepare(wide);
  ASSERT_FALSE(prepared->ok());
  EXPECT_EQ(prepared->errors[0].message,
            "Query selects more than 2^64 fields (fragments expanded); the maximum is 10000.")
      << "2^70 does not fit: the count saturates";
}

// Requirement: the limit check itself never recurses without bound: 1100
// nested fragment spreads are refused with a clear error.
TEST_F(EngineTest, MeasureNestingIsBounded) {
  ASSERT_TRUE(schema);
  kubos::graphql::Engine engine(schema);
  std::string query = "{ ...F0 }";
  for (int i = 0; i < 1100; ++i)
    query += " fragment F" + std::to_string(i) + " on Query { ...F" + std::to_string(i + 1) + " }";
  query += " fragment F1100 on Query { ping }";
  auto prepared = engine.prepare(query);
  ASSERT_FALSE(prepared->ok());
  EXPECT_EQ(prepared->errors[0].message,
            "Query is nested more than 1000 levels deep (fields and fragments); it is refused.");
}

// Requirement: fragment cycles do not hang the limit check (validation
// reports them).
TEST_F(EngineTest, FragmentCycleIsAValidationError) {
  ASSERT_TRUE(schema);
  kubos::graphql::Engine engine(schema);
  auto prepared = engine.prepare("{ ...A } fragment A on Query { ping ...B } fragment B on Query { ...A }");
  ASSERT_FALSE(prepared->ok());
  EXPECT_EQ(prepared->errors[0].message, "Cannot spread fragment \"A\" within itself via \"B\".");
}

// Requirement: parser limits (source bytes) are applied by the engine.
TEST_F(EngineTest, GQL_3_SourceSizeLimit) {
  ASSERT_TRUE(schema);
  kubos::graphql::EngineLimits limits;
  limits.parse.maxSourceBytes = 32;
  kubos::graphql::Engine engine(schema, limits);
  auto prepared = engine.prepare("{ ping ping ping ping ping ping ping ping ping }");
  ASSERT_FALSE(prepared->ok());
  EXPECT_FALSE(prepared->errors[0].message.empty());
}

// Requirement: the operation type of a request is known before execution
// (services refuse mutations over GET).
TEST_F(EngineTest, OperationTypeOf) {
  ASSERT_TRUE(schema);
  kubos::graphql::Engine engine(schema);
  auto doc = engine.prepare("mutation M { set(v: 1) } query Q { ping }");
  EXPECT_EQ(kubos::graphql::operationTypeOf(*doc, std::string("M")), kubos::graphql::ast::OperationType::Mutation);
  EXPECT_EQ(kubos::graphql::operationTypeOf(*doc, std::string("Q")), kubos::graphql::ast::OperationType::Query);
  EXPECT_EQ(kubos::graphql::operationTypeOf(*doc, std::nullopt), std::nullopt);
  EXPECT_EQ(kubos::graphql::operationTypeOf(*engine.prepare("{ nope }"), std::nullopt), std::nullopt);
}

// Requirement: requestFromValue reads every request parameter.
TEST_F(EngineTest, RequestFromValue) {
  std::string error;
  auto r = kubos::graphql::requestFromValue(
      *kubos::graphql::parseJson(R"({"query":"{a}","variables":{"x":1},"operationName":"Q","extensions":{"e":true}})"), &error);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->query, "{a}");
  EXPECT_EQ(kubos::graphql::toJson(*r->variables), R"({"x":1})");
  EXPECT_EQ(r->operationName, "Q");
  EXPECT_EQ(kubos::graphql::toJson(*r->extensions), R"({"e":true})");
  EXPECT_FALSE(kubos::graphql::requestFromValue(Value(1), &error));
  EXPECT_EQ(error, "JSON body must be an object");
}

// Requirement: resultToJson omits absent data and empty errors.
TEST(EngineJson, ResultToJson) {
  kubos::graphql::ExecutionResult r;
  EXPECT_EQ(kubos::graphql::resultToJson(r), "{}");
  r.data = Value();
  EXPECT_EQ(kubos::graphql::resultToJson(r), R"({"data":null})");
  kubos::graphql::GraphQLError e("bad");
  e.hasPath = true;
  e.path = {std::string("a"), std::int64_t{0}};
  r.errors.push_back(e);
  EXPECT_EQ(kubos::graphql::resultToJson(r), R"({"errors":[{"message":"bad","path":["a",0]}],"data":null})");
}

}  // namespace
