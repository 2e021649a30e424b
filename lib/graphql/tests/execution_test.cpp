// Execution: graphql-js execute() behaviour, message for message. The
// ExecutionOracle cases are generated from graphql-js 16.15 by
// execution_cases.js; the others cover what needs C++ resolvers.
#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "graphql/engine.h"
#include "graphql/execution.h"
#include "graphql/parser.h"
#include "graphql/schema.h"
#include "graphql/value.h"

namespace {

using kubos::graphql::Value;

std::shared_ptr<kubos::graphql::Schema> buildSchema(const std::string& sdl) {
  std::vector<kubos::graphql::GraphQLError> errors;
  auto schema = kubos::graphql::Schema::fromSDL(sdl, &errors);
  EXPECT_TRUE(schema) << (errors.empty() ? std::string("no schema") : errors[0].message);
  return schema;
}

Value json(const char* text) {
  if (!text) return Value();
  auto v = kubos::graphql::parseJson(text);
  EXPECT_TRUE(v) << text;
  return v ? *v : Value();
}

// Runs execute() (no validation, as the oracle does) and returns the JSON.
std::string run(const kubos::graphql::Schema& schema, const std::string& query, const Value* root = nullptr,
                const Value* vars = nullptr, std::optional<std::string> op = std::nullopt) {
  auto parsed = kubos::graphql::parse(query);
  if (!parsed.document) return "parse error: " + (parsed.error ? parsed.error->message : std::string());
  kubos::graphql::ExecuteArgs args;
  args.rootValue = root;
  args.variableValues = vars;
  args.operationName = std::move(op);
  return kubos::graphql::resultToJson(kubos::graphql::execute(schema, *parsed.document, args));
}

std::string runCase(const char* query, const char* root, const char* vars, const char* op);

}  // namespace

#define EXEC_CASE(name, query, root, vars, op, expected) \
  TEST(ExecutionOracle, GQL_7_##name) { EXPECT_EQ(runCase(query, root, vars, op), expected); }
#include "execution_cases.inc"
#undef EXEC_CASE

namespace {

// The oracle schema with its resolvers (the same ones the generator sets).
const kubos::graphql::Schema& oracleSchema() {
  static std::shared_ptr<kubos::graphql::Schema> schema = [] {
    auto s = buildSchema(EXEC_CASES_SDL);
    if (!s) return s;
    auto echo = [](const Value&, const Value& args, const kubos::graphql::ResolveInfo&) { return Value(kubos::graphql::toJson(args)); };
    auto boom = [](const Value&, const Value&, const kubos::graphql::ResolveInfo&) -> Value { throw kubos::graphql::FieldError("boom"); };
    EXPECT_TRUE(s->bindResolver("Query", "echo", echo));
    EXPECT_TRUE(s->bindResolver("Query", "req", echo));
    EXPECT_TRUE(s->bindResolver("Query", "fail", boom));
    EXPECT_TRUE(s->bindResolver("Query", "failNn", boom));
    EXPECT_TRUE(s->bindResolver("Ship", "fail", boom));
    return s;
  }();
  return *schema;
}

std::string runCase(const char* query, const char* root, const char* vars, const char* op) {
  Value rootValue = json(root);
  Value varValues = json(vars);
  return run(oracleSchema(), query, &rootValue, vars ? &varValues : nullptr,
             op ? std::optional<std::string>(op) : std::nullopt);
}


// ---- mutations, resolvers, context -------------------------------------------

const char* kMutationSdl = R"(
  type Query { n: Int }
  type Mutation { inc(by: Int = 1): Int! fail: Int! later: Int }
)";

// Requirement: mutations execute top-level fields serially, in order, and a
// failing non-null mutation field stops the ones after it (graphql-js).
TEST(Execution, GQL_8_MutationFieldsRunSeriallyInOrder) {
  auto schema = buildSchema(kMutationSdl);
  ASSERT_TRUE(schema);
  std::vector<std::string> calls;
  int counter = 0;
  EXPECT_TRUE(schema->bindResolver("Mutation", "inc", [&](const Value&, const Value& args, const kubos::graphql::ResolveInfo& info) {
    calls.push_back("inc");
    EXPECT_EQ(info.operation, kubos::graphql::ast::OperationType::Mutation);
    counter += static_cast<int>(args.find("by")->asInt());
    return Value(counter);
  }));
  EXPECT_TRUE(schema->bindResolver("Mutation", "fail", [&](const Value&, const Value&, const kubos::graphql::ResolveInfo&) -> Value {
    calls.push_back("fail");
    throw std::runtime_error("refused");
  }));
  EXPECT_TRUE(schema->bindResolver("Mutation", "later", [&](const Value&, const Value&, const kubos::graphql::ResolveInfo&) {
    calls.push_back("later");
    return Value(1);
  }));
  EXPECT_EQ(run(*schema, "mutation { a: inc b: inc(by: 10) c: inc }"), R"({"data":{"a":1,"b":11,"c":12}})");
  calls.clear();
  // graphql-js: {"errors":[{"message":"refused",...,"path":["fail"]}],"data":null}
  EXPECT_EQ(run(*schema, "mutation { a: inc fail later }"),
            R"({"errors":[{"message":"refused","locations":[{"line":1,"column":19}],"path":["fail"]}],"data":null})");
  EXPECT_EQ(calls, (std::vector<std::string>{"inc", "fail"}));
}

// Requirement: resolvers get the parent value, coerced args, the info (field,
// parent type, merged nodes, root, variables, operation).
TEST(Execution, GQL_5_ResolverReceivesParentArgsAndInfo) {
  auto schema = buildSchema(R"(
    type Query { item(id: Int!): Item }
    type Item { id: Int label(prefix: String = ">"): String }
  )");
  ASSERT_TRUE(schema);
  EXPECT_TRUE(schema->bindResolver("Query", "item", [&](const Value& parent, const Value& args, const kubos::graphql::ResolveInfo& info) {
    EXPECT_EQ(parent, *info.rootValue.find("marker") == Value("root") ? info.rootValue : Value());
    EXPECT_EQ(info.fieldName, "item");
    EXPECT_EQ(info.parentType.name, "Query");
    EXPECT_EQ(info.fieldNodes.size(), 2u);
    EXPECT_EQ(info.variables, json(R"({"v":3})"));
    Value item = Value::object();
    item.add("id", *args.find("id"));
    return item;
  }));
  EXPECT_TRUE(schema->bindResolver("Item", "label", [](const Value& parent, const Value& args, const kubos::graphql::ResolveInfo& info) {
    EXPECT_EQ(info.parentType.name, "Item");
    return Value(args.find("prefix")->asString() + std::to_string(parent.find("id")->asInt()));
  }));
  Value root = json(R"({"marker":"root"})");
  Value vars = json(R"({"v":3})");
  EXPECT_EQ(run(*schema, "query ($v: Int!) { item(id: $v) { id } item(id: $v) { label } }", &root, &vars),
            R"({"data":{"item":{"id":3,"label":">3"}}})");
}

// Requirement: a resolver's std::exception (not only FieldError) becomes a
// field error with its what() message; other fields keep their data.
TEST(Execution, StdExceptionBecomesFieldError) {
  auto schema = buildSchema("type Query { a: Int b: Int }");
  ASSERT_TRUE(schema);
  EXPECT_TRUE(schema->bindResolver("Query", "a", [](const Value&, const Value&, const kubos::graphql::ResolveInfo&) -> Value {
    throw std::out_of_range("sensor 3 offline");
  }));
  Value root = json(R"({"b":2})");
  EXPECT_EQ(run(*schema, "{ a b }", &root),
            R"({"errors":[{"message":"sensor 3 offline","locations":[{"line":1,"column":3}],"path":["a"]}],)"
            R"("data":{"a":null,"b":2}})");
}

// Requirement: isTypeOf is checked before an object's fields run, with
// graphql-js's message (inspect() of the value, depth-limited).
TEST(Execution, IsTypeOfRejectsValue) {
  auto schema = buildSchema("type Ship { id: ID name: String } type Query { ship: Ship }");
  ASSERT_TRUE(schema);
  auto& ship = const_cast<kubos::graphql::ObjectType&>(schema->getType("Ship")->as<kubos::graphql::ObjectType>());
  ship.isTypeOf = [](const Value& v, const kubos::graphql::ResolveInfo&) {
    const Value* k = v.find("kind");
    return k && *k == Value("ship");
  };
  Value root = json(R"({"ship":{"id":1,"kind":"station","list":[1,2,[3,[4]]],"o":{"a":{"b":{"c":1}}}}})");
  EXPECT_EQ(run(*schema, "{ ship { id } }", &root),
            R"({"errors":[{"message":"Expected value of type \"Ship\" but got: { id: 1, kind: \"station\", list: [1, 2, [Array]], o: { a: [Object] } }.","locations":[{"line":1,"column":3}],"path":["ship"]}],"data":{"ship":null}})");
  root = json(R"({"ship":{"id":1,"kind":"ship"}})");
  EXPECT_EQ(run(*schema, "{ ship { id } }", &root), R"({"data":{"ship":{"id":"1"}}})");
}

// Requirement: without __typename, the default type resolver asks each
// possible type's isTypeOf (graphql-js defaultTypeResolver).
TEST(Execution, DefaultTypeResolverUsesIsTypeOf) {
  auto schema = buildSchema("interface N { id: ID } type A implements N { id: ID } type Query { n: N }");
  ASSERT_TRUE(schema);
  auto& a = const_cast<kubos::graphql::ObjectType&>(schema->getType("A")->as<kubos::graphql::ObjectType>());
  a.isTypeOf = [](const Value& v, const kubos::graphql::ResolveInfo&) { return v.find("kind") && *v.find("kind") == Value("a"); };
  Value root = json(R"({"n":{"id":1,"kind":"a"}})");
  EXPECT_EQ(run(*schema, "{ n { id __typename } }", &root), R"({"data":{"n":{"id":"1","__typename":"A"}}})");
  root = json(R"({"n":{"id":1,"kind":"b"}})");
  EXPECT_EQ(run(*schema, "{ n { id } }", &root),
            R"({"errors":[{"message":"Abstract type \"N\" must resolve to an Object type at runtime for field \"Query.n\". Either the \"N\" type should provide a \"resolveType\" function or each possible type should provide an \"isTypeOf\" function.","locations":[{"line":1,"column":3}],"path":["n"]}],"data":{"n":null}})");
}

// Requirement: a bound type resolver decides the runtime type of an abstract
// value (for model objects passed as Handles, which have no __typename).
TEST(Execution, GQL_5_BoundTypeResolverAndHandleParents) {
  auto schema = buildSchema(R"(
    union U = A | B
    type A { a: Int } type B { b: Int name: String }
    type Query { u: [U] }
  )");
  ASSERT_TRUE(schema);
  static const int modelA = 1, modelB = 2;
  EXPECT_TRUE(schema->bindResolver("Query", "u", [](const Value&, const Value&, const kubos::graphql::ResolveInfo&) {
    return Value::list({Value(kubos::graphql::Handle{&modelA, 1}), Value(kubos::graphql::Handle{&modelB, 2})});
  }));
  EXPECT_TRUE(schema->bindTypeResolver("U", [](const Value& v, const kubos::graphql::ResolveInfo&) {
    return std::string(v.asHandle().tag == 1 ? "A" : "B");
  }));
  EXPECT_TRUE(schema->bindResolver("A", "a", [](const Value& v, const Value&, const kubos::graphql::ResolveInfo&) {
    return Value(*static_cast<const int*>(v.asHandle().ptr));
  }));
  EXPECT_TRUE(schema->bindResolver("B", "b", [](const Value& v, const Value&, const kubos::graphql::ResolveInfo&) {
    return Value(*static_cast<const int*>(v.asHandle().ptr) * 10);
  }));
  // B.name has no resolver: the default resolver gives null for a non-object parent.
  EXPECT_EQ(run(*schema, "{ u { __typename ... on A { a } ... on B { b name } } }"),
            R"({"data":{"u":[{"__typename":"A","a":1},{"__typename":"B","b":20,"name":null}]}})");
}

// Requirement: resolver results are coerced whatever their shape: leaves,
// non-null leaves, lists of leaves (each item serialised), with errors.
TEST(Execution, ResolverResultsOfEveryShape) {
  auto schema = buildSchema(R"(
    enum Mode { SAFE NOMINAL }
    type Query { mode: Mode! modes: [Mode!]! n: Int nn: Int! ints: [Int] id: ID }
  )");
  ASSERT_TRUE(schema);
  auto give = [](Value v) {
    return [v](const Value&, const Value&, const kubos::graphql::ResolveInfo&) { return v; };
  };
  EXPECT_TRUE(schema->bindResolver("Query", "mode", give(Value("SAFE"))));
  EXPECT_TRUE(schema->bindResolver("Query", "modes", give(Value::list({Value("NOMINAL"), Value("SAFE")}))));
  EXPECT_TRUE(schema->bindResolver("Query", "n", give(Value(2.5))));
  EXPECT_TRUE(schema->bindResolver("Query", "nn", give(Value(7))));
  EXPECT_TRUE(schema->bindResolver("Query", "ints", give(Value::list({Value(1), Value("x"), Value(true)}))));
  EXPECT_TRUE(schema->bindResolver("Query", "id", give(Value(12))));
  // graphql-js, with the same values returned by resolvers:
  EXPECT_EQ(run(*schema, "{ mode modes n nn ints id }"),
            R"({"errors":[{"message":"Int cannot represent non-integer value: 2.5","locations":[{"line":1,"column":14}],"path":["n"]},)"
            R"({"message":"Int cannot represent non-integer value: \"x\"","locations":[{"line":1,"column":19}],"path":["ints",1]}],)"
            R"("data":{"mode":"SAFE","modes":["NOMINAL","SAFE"],"n":null,"nn":7,"ints":[1,null,1],"id":"12"}})");
  EXPECT_TRUE(schema->bindResolver("Query", "modes", give(Value::list({Value("NOMINAL"), Value("OFF")}))));
  EXPECT_EQ(run(*schema, "{ modes }"),
            R"({"errors":[{"message":"Enum \"Mode\" cannot represent value: \"OFF\"","locations":[{"line":1,"column":3}],"path":["modes",1]}],"data":null})");
}

// Requirement: coerced arguments are computed once per field even when the
// field runs for every list item, and still reach every resolver call.
TEST(Execution, GQL_7_ArgumentsCoercedForEveryListItem) {
  auto schema = buildSchema("type Query { items: [Item] } type Item { v(scale: Int!): Int }");
  ASSERT_TRUE(schema);
  EXPECT_TRUE(schema->bindResolver("Item", "v", [](const Value& parent, const Value& args, const kubos::graphql::ResolveInfo&) {
    return Value(parent.find("x")->asInt() * args.find("scale")->asInt());
  }));
  Value root = json(R"({"items":[{"x":1},{"x":2},{"x":3}]})");
  Value vars = json(R"({"s":5})");
  EXPECT_EQ(run(*schema, "query ($s: Int!) { items { v(scale: $s) } }", &root, &vars),
            R"({"data":{"items":[{"v":5},{"v":10},{"v":15}]}})");
}

// Requirement: no stack exhaustion on deep documents or deep results: the
// depth the parser accepts executes, and errors stay bounded.
TEST(Execution, DeepNestingExecutes) {
  auto schema = buildSchema("type Query { q: Query v: Int }");
  ASSERT_TRUE(schema);
  // { q { q ... { q { v } } ... } } with 60 levels of q, over a root value
  // nested 60 deep that ends in {"v":1}.
  std::string query = "{ v }";
  Value root = json(R"({"v":1})");
  for (int i = 0; i < 60; ++i) {
    query = "{ q " + query + " }";
    Value wrapper = Value::object();
    wrapper.add("q", std::move(root));
    root = std::move(wrapper);
  }
  std::string out = run(*schema, query, &root);
  EXPECT_EQ(out.find("errors"), std::string::npos) << out.substr(0, 200);
  EXPECT_NE(out.find("{\"v\":1}}}"), std::string::npos) << out.substr(0, 200);
}

// Requirement: execute() alone (no engine limits) refuses nesting that would
// exhaust the stack: a chain of 600 fragments, each adding a field level,
// stops with a field error at depth 512 instead of crashing.
TEST(Execution, GQL_3_ExecutionDepthIsBounded) {
  auto schema = buildSchema("type Query { q: Query v: Int }");
  ASSERT_TRUE(schema);
  std::string query = "{ ...F0 }";
  for (int i = 0; i < 600; ++i)
    query += " fragment F" + std::to_string(i) + " on Query { q { ...F" + std::to_string(i + 1) + " } }";
  query += " fragment F600 on Query { v }";
  // Every q resolves to an object, so execution really descends.
  EXPECT_TRUE(schema->bindResolver("Query", "q", [](const Value&, const Value&, const kubos::graphql::ResolveInfo&) { return Value::object(); }));
  std::string out = run(*schema, query);
  EXPECT_NE(out.find(R"("message":"Query is nested too deeply to execute.")"), std::string::npos)
      << out.substr(0, 300);
}

// Requirement: the same for fragment spreads that add no field level: field
// collection stops at 512 nested fragments with an error, data null.
TEST(Execution, FragmentNestingIsBounded) {
  auto schema = buildSchema("type Query { v: Int }");
  ASSERT_TRUE(schema);
  std::string query = "{ ...F0 }";
  for (int i = 0; i < 600; ++i)
    query += " fragment F" + std::to_string(i) + " on Query { ...F" + std::to_string(i + 1) + " }";
  query += " fragment F600 on Query { v }";
  EXPECT_EQ(run(*schema, query), R"({"errors":[{"message":"Fragments are nested too deeply to execute."}],"data":null})");
}

// ---- the coercion entry points ----------------------------------------------------

// Requirement: selectOperation gives graphql-js's messages.
TEST(Execution, SelectOperationMessages) {
  auto two = kubos::graphql::parse("query A { a } query B { b }");
  ASSERT_TRUE(two.document);
  std::string error;
  EXPECT_EQ(kubos::graphql::selectOperation(*two.document, std::nullopt, &error), nullptr);
  EXPECT_EQ(error, "Must provide operation name if query contains multiple operations.");
  EXPECT_EQ(kubos::graphql::selectOperation(*two.document, std::string("C"), &error), nullptr);
  EXPECT_EQ(error, "Unknown operation named \"C\".");
  const auto* b = kubos::graphql::selectOperation(*two.document, std::string("B"), &error);
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(b->name->value, "B");
  auto none = kubos::graphql::parse("fragment F on Q { a }");
  ASSERT_TRUE(none.document);
  EXPECT_EQ(kubos::graphql::selectOperation(*none.document, std::nullopt, &error), nullptr);
  EXPECT_EQ(error, "Must provide an operation.");
}

// Requirement: valueFromAST follows graphql-js (lists of one, missing
// variables, invalid literals give no value, input defaults).
TEST(Execution, GQL_7_ValueFromAST) {
  const auto& schema = oracleSchema();
  auto doc = kubos::graphql::parse("query ($a: Int) { f(x: [1, $a, $missing], y: 5, z: \"s\", w: {name: \"n\"}, n: null) }");
  ASSERT_TRUE(doc.document);
  const auto& field = doc.document->definitions[0]->as<kubos::graphql::ast::OperationDefinition>()
                          .selectionSet->selections[0]->as<kubos::graphql::ast::Field>();
  Value vars = json(R"({"a":2})");
  const kubos::graphql::Type& intType = schema.intType();
  const kubos::graphql::Type* listOfInt = schema.listOf(&intType);
  const kubos::graphql::Type* nnInt = schema.nonNullOf(&intType);
  auto x = kubos::graphql::valueFromAST(schema, field.arguments[0]->value.get(), *listOfInt, &vars);
  ASSERT_TRUE(x);
  EXPECT_EQ(kubos::graphql::toJson(*x), "[1,2,null]");
  auto y = kubos::graphql::valueFromAST(schema, field.arguments[1]->value.get(), *listOfInt, &vars);
  ASSERT_TRUE(y);
  EXPECT_EQ(kubos::graphql::toJson(*y), "[5]");
  EXPECT_FALSE(kubos::graphql::valueFromAST(schema, field.arguments[2]->value.get(), intType, &vars));
  auto w = kubos::graphql::valueFromAST(schema, field.arguments[3]->value.get(), *schema.getType("Filter"), &vars);
  ASSERT_TRUE(w);
  EXPECT_EQ(kubos::graphql::toJson(*w), R"({"name":"n","minSpeed":1.5})");
  EXPECT_FALSE(kubos::graphql::valueFromAST(schema, field.arguments[4]->value.get(), *nnInt, &vars));
  auto n = kubos::graphql::valueFromAST(schema, field.arguments[4]->value.get(), intType, &vars);
  ASSERT_TRUE(n);
  EXPECT_TRUE(n->isNull());
  EXPECT_FALSE(kubos::graphql::valueFromAST(schema, nullptr, intType, &vars));
}

// Requirement: valueFromASTUntyped (graphql-js) for every literal kind.
TEST(Execution, ValueFromASTUntyped) {
  auto doc = kubos::graphql::parse("{ f(x: {a: [1, 2.5, \"s\", true, null, E, $v, $nope], b: 99999999999, a2: 1}) }");
  ASSERT_TRUE(doc.document);
  const auto& field = doc.document->definitions[0]->as<kubos::graphql::ast::OperationDefinition>()
                          .selectionSet->selections[0]->as<kubos::graphql::ast::Field>();
  Value vars = json(R"({"v":{"k":1}})");
  EXPECT_EQ(kubos::graphql::toJson(kubos::graphql::valueFromASTUntyped(*field.arguments[0]->value, &vars)),
            R"({"a":[1,2.5,"s",true,null,"E",{"k":1},null],"b":99999999999,"a2":1})");
}

// Requirement: coerceVariableValues reports graphql-js's messages with the
// variable definition's location, and returns nothing on error.
TEST(Execution, GQL_7_CoerceVariableValuesDirect) {
  const auto& schema = oracleSchema();
  auto doc = kubos::graphql::parse("query ($x: Int!, $y: [Color!] = [RED], $z: Filter) { int }");
  ASSERT_TRUE(doc.document);
  const auto& op = doc.document->definitions[0]->as<kubos::graphql::ast::OperationDefinition>();
  std::vector<kubos::graphql::GraphQLError> errors;
  auto ok = kubos::graphql::coerceVariableValues(schema, op, json(R"({"x":1,"z":{"name":"n"}})"), errors);
  ASSERT_TRUE(ok);
  EXPECT_TRUE(errors.empty());
  EXPECT_EQ(kubos::graphql::toJson(*ok), R"({"x":1,"y":["RED"],"z":{"name":"n","minSpeed":1.5}})");
  auto bad = kubos::graphql::coerceVariableValues(schema, op, json(R"({"x":"a"})"), errors);
  EXPECT_FALSE(bad);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].message, R"(Variable "$x" got invalid value "a"; Int cannot represent non-integer value: "a")");
  EXPECT_EQ(errors[0].locations, (std::vector<kubos::graphql::SourceLocation>{{1, 8}}));
  EXPECT_FALSE(errors[0].hasPath);
}

}  // namespace
