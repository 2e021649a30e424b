// kubos::graphql::validate against graphql-js 16.15's specifiedRules.
//
// The table cases (validation_cases.inc) hold, for every rule, valid and
// invalid documents with the exact errors (messages, locations, order)
// graphql-js reports for them on kTestSchema; validation_cases.js
// regenerates it from the oracle. The other tests cover what a table cannot:
// hostile documents, the error limit, and the suggestion helpers.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "graphql/error.h"
#include "graphql/parser.h"
#include "graphql/schema.h"
#include "graphql/validation.h"
#include "../src/suggest.h"

namespace {

struct Case {
  const char* name;
  const char* query;
  const char* expected;  // graphql-js's errors as JSON
  std::size_t maxErrors;
};

// Defines kTestSchema (the SDL) and kCases.
#include "validation_cases.inc"

const kubos::graphql::Schema& testSchema() {
  static const std::shared_ptr<kubos::graphql::Schema> schema = [] {
    std::vector<kubos::graphql::GraphQLError> errors;
    auto s = kubos::graphql::Schema::fromSDL(kTestSchema, &errors);
    if (!s) {
      for (const auto& e : errors) ADD_FAILURE() << "schema: " << e.message;
      std::abort();
    }
    return s;
  }();
  return *schema;
}

std::string errorsJson(const std::vector<kubos::graphql::GraphQLError>& errors) {
  std::string out = "[";
  for (std::size_t i = 0; i < errors.size(); ++i) {
    if (i) out += ',';
    kubos::graphql::appendErrorJson(out, errors[i]);
  }
  return out + "]";
}

std::unique_ptr<kubos::graphql::ast::Document> parseOrFail(std::string text) {
  kubos::graphql::ParseLimits limits;
  limits.maxTokens = 10'000'000;
  limits.maxSourceBytes = 64 << 20;
  auto parsed = kubos::graphql::parse(std::move(text), limits);
  EXPECT_TRUE(parsed.document) << (parsed.error ? parsed.error->message : "");
  return std::move(parsed.document);
}

std::string validateJson(const std::string& query, std::size_t maxErrors = 100) {
  auto doc = parseOrFail(query);
  if (!doc) return "<parse error>";
  return errorsJson(kubos::graphql::validate(testSchema(), *doc, maxErrors));
}

class GraphqlJsOracle : public ::testing::TestWithParam<Case> {};

// VAL-ORACLE: every rule's messages, locations and error order equal
// graphql-js 16.15's on the same schema and document.
TEST_P(GraphqlJsOracle, GQL_6_ErrorsEqualGraphqlJs) {
  const Case& c = GetParam();
  EXPECT_EQ(validateJson(c.query, c.maxErrors), c.expected) << c.query;
}

INSTANTIATE_TEST_SUITE_P(Rules, GraphqlJsOracle, ::testing::ValuesIn(kCases),
                         [](const ::testing::TestParamInfo<Case>& info) { return std::string(info.param.name); });

// VAL-ROBUST: a chain of thousands of fragment spreads is followed with
// explicit stacks (no stack overflow), and each fragment is visited once.
TEST(ValidationRobustness, LongFragmentChainDoesNotOverflow) {
  constexpr int kN = 20000;
  std::string q = "query Q($v: Int) { dog { ...F0 } }\n";
  for (int i = 0; i < kN; ++i) {
    q += "fragment F" + std::to_string(i) + " on Dog { name ";
    if (i + 1 < kN) q += "...F" + std::to_string(i + 1);
    q += " }\n";
  }
  const std::string json = validateJson(q);
  // Whatever graphql-js's work budget decides, we finish with at most a
  // handful of errors and no crash.
  EXPECT_LT(json.size(), 10'000u);
}

// VAL-ROBUST: a long cycle is reported once by NoFragmentCycles and makes no
// other rule loop; graphql-js then runs out of its work budget exactly so.
TEST(ValidationRobustness, LongFragmentCycleReportedOnce) {
  constexpr int kN = 3000;
  std::string q = "{ dog { ...F0 } }\n";
  for (int i = 0; i < kN; ++i) {
    q += "fragment F" + std::to_string(i) + " on Dog { name ...F" + std::to_string((i + 1) % kN) + " }\n";
  }
  auto doc = parseOrFail(q);
  ASSERT_TRUE(doc);
  auto errors = kubos::graphql::validate(testSchema(), *doc);
  // graphql-js 16.15: the cycle (3000 locations), then "Validation aborted.".
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0].message.rfind("Cannot spread fragment \"F0\" within itself via \"F1\", \"F2\"", 0), 0u);
  EXPECT_EQ(errors[0].locations.size(), static_cast<std::size_t>(kN));
  EXPECT_EQ(errors[1].message, "Validation aborted.");
}

std::string introspectionChain(int n) {
  std::string q = "{ __schema { types { ...T0 } } }\n";
  for (int i = 0; i < n; ++i) {
    q += "fragment T" + std::to_string(i) + " on __Type { name ";
    q += (i + 1 < n) ? "...T" + std::to_string(i + 1)
                     : std::string("fields { type { interfaces { possibleTypes { name } } } }");
    q += " }\n";
  }
  return q;
}

// VAL-ROBUST: introspection depth is followed through fragment chains
// without recursion; results equal graphql-js's where it can answer.
TEST(ValidationRobustness, IntrospectionThroughLongFragmentChain) {
  EXPECT_EQ(validateJson(introspectionChain(400)),
            R"([{"message":"Maximum introspection depth exceeded","locations":[{"line":1,"column":3}]}])");
  EXPECT_EQ(validateJson(introspectionChain(1000)),
            R"([{"message":"Maximum introspection depth exceeded","locations":[{"line":1,"column":3}]},)"
            R"({"message":"Validation aborted."}])");
  // graphql-js overflows its stack here; we answer.
  auto doc = parseOrFail(introspectionChain(20000));
  ASSERT_TRUE(doc);
  auto errors = kubos::graphql::validate(testSchema(), *doc);
  ASSERT_FALSE(errors.empty());
  EXPECT_EQ(errors[0].message, "Maximum introspection depth exceeded");
}

// VAL-LIMIT: the error list stops at maxErrors with graphql-js's message.
TEST(ValidationLimits, StopsAfterMaxErrors) {
  std::string q = "{";
  for (int i = 0; i < 500; ++i) q += " f" + std::to_string(i);
  q += " }";
  auto doc = parseOrFail(q);
  ASSERT_TRUE(doc);
  auto errors = kubos::graphql::validate(testSchema(), *doc);
  ASSERT_EQ(errors.size(), 101u);
  EXPECT_EQ(errors.back().message, "Too many validation errors, error limit reached. Validation aborted.");
  EXPECT_TRUE(errors.back().locations.empty());
}

// VAL-TYPICAL: a typical 30-field query with every selection kind is valid, and
// validating it again gives the same answer. (Its speed is measured by `make
// bench` against graphql-js, not timed here: timed unit tests flake on shared machines.)
TEST(ValidationTypical, ThirtyFieldQueryIsValidEveryTime) {
  std::string q = "query Q($id: ID, $x: Int) { human(id: $id) { name relatives { name iq pets { name ...P } } } ";
  q += "dog { name nickname barkVolume barks isAtLocation(x: $x, y: 2) mother { name father { name barks } } ";
  q += "doesKnowCommand(dogCommand: SIT) isHouseTrained(atOtherHomes: false) } cat { name meows meowsVolume furColor } ";
  q += "catOrDog { __typename ... on Cat { meows } ... on Dog { barks } } complicatedArgs { intArgField(intArg: 1) ";
  q += "complexArgField(complexArg: { requiredField: true, stringListField: [\"a\"] }) } }\n";
  q += "fragment P on Pet { __typename ... on Dog { barkVolume } }";
  auto doc = parseOrFail(q);
  ASSERT_TRUE(doc);
  ASSERT_TRUE(kubos::graphql::validate(testSchema(), *doc).empty()) << errorsJson(kubos::graphql::validate(testSchema(), *doc));
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(kubos::graphql::validate(testSchema(), *doc).empty());
}

// ---- the suggestion helpers (graphql-js jsutils) ----------------------------------

using kubos::graphql::detail::didYouMean;
using kubos::graphql::detail::naturalCompare;
using kubos::graphql::detail::suggestionList;

// VAL-SUGGEST: graphql-js suggestionList's selection and order.
TEST(Suggestions, SuggestionListMatchesGraphqlJs) {
  using V = std::vector<std::string_view>;
  // Expected values printed by graphql-js's jsutils/suggestionList.
  EXPECT_EQ(suggestionList("", {"a"}), V{"a"});  // threshold floor(0.4 * len) + 1
  EXPECT_EQ(suggestionList("abc", {"a"}), V{"a"});
  EXPECT_EQ(suggestionList("abc", {"xyzw"}), V{});  // too far
  EXPECT_EQ(suggestionList("GraphQl", {"graphics", "SQL", "GraphQL", "quarks"}), (V{"GraphQL", "graphics"}));
  EXPECT_EQ(suggestionList("a", {"A", "a"}), (V{"a", "A"}));  // exact, then case change
  EXPECT_EQ(suggestionList("ab", {"ba"}), V{"ba"});          // transposition is one edit
  EXPECT_EQ(suggestionList("abc", {"a", "ab", "abc"}), (V{"abc", "ab", "a"}));
  EXPECT_EQ(suggestionList("test", {"tesst", "testt", "tset", "test"}), (V{"test", "tesst", "testt", "tset"}));
  EXPECT_EQ(suggestionList("a", {"a", "a"}), V{"a"});        // duplicates collapse
}

// VAL-SUGGEST: naturalCompare orders digit runs by value.
TEST(Suggestions, NaturalCompare) {
  EXPECT_LT(naturalCompare("a2", "a10"), 0);
  EXPECT_GT(naturalCompare("a10", "a2"), 0);
  EXPECT_EQ(naturalCompare("abc", "abc"), 0);
  EXPECT_LT(naturalCompare("a", "ab"), 0);
  EXPECT_LT(naturalCompare("B", "a"), 0);  // by code unit
  EXPECT_LT(naturalCompare("x01", "x1"), 0);
}

// VAL-SUGGEST: didYouMean's wording, at most five suggestions.
TEST(Suggestions, DidYouMean) {
  EXPECT_EQ(didYouMean({}), "");
  EXPECT_EQ(didYouMean({"A"}), " Did you mean \"A\"?");
  EXPECT_EQ(didYouMean({"A", "B"}), " Did you mean \"A\" or \"B\"?");
  EXPECT_EQ(didYouMean({"A", "B", "C"}), " Did you mean \"A\", \"B\", or \"C\"?");
  EXPECT_EQ(didYouMean({"A", "B", "C", "D", "E", "F"}), " Did you mean \"A\", \"B\", \"C\", \"D\", or \"E\"?");
  EXPECT_EQ(didYouMean("the enum value", {"X"}), " Did you mean the enum value \"X\"?");
}

}  // namespace
