// Parser: every definition kind, node locations, limits (source size, token
// count, nesting depth) and graphql-js 16's exact syntax error messages.
#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "graphql/parser.h"
#include "syntax_error_cases.h"

using namespace kubos::graphql;
using namespace kubos::graphql::ast;

namespace {

std::unique_ptr<Document> mustParse(std::string src, const ParseLimits& limits = {}) {
  ParseResult r = parse(std::move(src), limits);
  EXPECT_FALSE(r.error) << (r.error ? r.error->message : "");
  EXPECT_TRUE(r.document);
  return std::move(r.document);
}

GraphQLError mustFail(std::string src, const ParseLimits& limits = {}) {
  ParseResult r = parse(std::move(src), limits);
  EXPECT_FALSE(r.document);
  EXPECT_TRUE(r.error);
  return r.error ? *r.error : GraphQLError("no error");
}

template <class T>
const T& def(const Document& d, std::size_t i) {
  return d.definitions.at(i)->as<T>();
}


}  // namespace

TEST(Parser, GQL_2_ShorthandQuery) {
  auto doc = mustParse("{ a }");
  ASSERT_EQ(doc->definitions.size(), 1u);
  const auto& op = def<OperationDefinition>(*doc, 0);
  EXPECT_EQ(op.kind, Kind::OperationDefinition);
  EXPECT_EQ(op.operation, OperationType::Query);
  EXPECT_FALSE(op.name);
  ASSERT_EQ(op.selectionSet->selections.size(), 1u);
  const auto& f = op.selectionSet->selections[0]->as<Field>();
  EXPECT_EQ(f.name.value, "a");
  EXPECT_FALSE(f.alias);
  EXPECT_EQ(f.responseKey(), "a");
  EXPECT_FALSE(f.selectionSet);
}

TEST(Parser, GQL_2_NamedOperationsOfEveryType) {
  auto doc = mustParse("query Q { a } mutation M { b } subscription S { c }");
  EXPECT_EQ(def<OperationDefinition>(*doc, 0).operation, OperationType::Query);
  EXPECT_EQ(def<OperationDefinition>(*doc, 1).operation, OperationType::Mutation);
  EXPECT_EQ(def<OperationDefinition>(*doc, 2).operation, OperationType::Subscription);
  EXPECT_EQ(def<OperationDefinition>(*doc, 2).name->value, "S");
}

TEST(Parser, GQL_2_VariableDefinitionsWithDefaultsAndDirectives) {
  auto doc = mustParse("query Q($a: Int = 1 @d(x: 2), $b: [String!]!) @op { f(a: $a) }");
  const auto& op = def<OperationDefinition>(*doc, 0);
  ASSERT_EQ(op.variableDefinitions.size(), 2u);
  const auto& a = *op.variableDefinitions[0];
  EXPECT_EQ(a.variable.name.value, "a");
  EXPECT_EQ(printTypeNode(*a.type), "Int");
  ASSERT_TRUE(a.defaultValue);
  EXPECT_EQ(printValueNode(*a.defaultValue), "1");
  ASSERT_EQ(a.directives.size(), 1u);
  EXPECT_EQ(a.directives[0]->name.value, "d");
  const auto& b = *op.variableDefinitions[1];
  EXPECT_EQ(b.type->kind, Kind::NonNullType);
  EXPECT_EQ(printTypeNode(*b.type), "[String!]!");
  EXPECT_FALSE(b.defaultValue);
  EXPECT_EQ(op.directives.at(0)->name.value, "op");
  const auto& arg = *op.selectionSet->selections[0]->as<Field>().arguments.at(0);
  EXPECT_EQ(arg.value->kind, Kind::Variable);
}

TEST(Parser, GQL_2_AliasesArgumentsDirectivesAndNestedSelections) {
  auto doc = mustParse("{ x: f(a: 1, b: \"s\") @skip(if: false) { g } }");
  const auto& f = def<OperationDefinition>(*doc, 0).selectionSet->selections[0]->as<Field>();
  ASSERT_TRUE(f.alias);
  EXPECT_EQ(f.alias->value, "x");
  EXPECT_EQ(f.name.value, "f");
  EXPECT_EQ(f.responseKey(), "x");
  ASSERT_EQ(f.arguments.size(), 2u);
  EXPECT_EQ(f.arguments[1]->value->as<StringValue>().value, "s");
  EXPECT_EQ(f.directives.at(0)->arguments.at(0)->value->as<BooleanValue>().value, false);
  ASSERT_TRUE(f.selectionSet);
  EXPECT_EQ(f.selectionSet->selections.at(0)->as<Field>().name.value, "g");
}

TEST(Parser, GQL_2_FragmentsSpreadsAndInlineFragments) {
  auto doc = mustParse("{ ...F @d ... on T { a } ... @e { b } ... { c } } fragment F on T @f { d }");
  const auto& sels = def<OperationDefinition>(*doc, 0).selectionSet->selections;
  ASSERT_EQ(sels.size(), 4u);
  EXPECT_EQ(sels[0]->kind, Kind::FragmentSpread);
  EXPECT_EQ(sels[0]->as<FragmentSpread>().name.value, "F");
  EXPECT_EQ(sels[0]->directives.size(), 1u);
  EXPECT_EQ(sels[1]->kind, Kind::InlineFragment);
  EXPECT_EQ(sels[1]->as<InlineFragment>().typeCondition->name.value, "T");
  EXPECT_FALSE(sels[2]->as<InlineFragment>().typeCondition);
  EXPECT_EQ(sels[2]->directives.at(0)->name.value, "e");
  EXPECT_FALSE(sels[3]->as<InlineFragment>().typeCondition);
  const auto& frag = def<FragmentDefinition>(*doc, 1);
  EXPECT_EQ(frag.name.value, "F");
  EXPECT_EQ(frag.typeCondition->name.value, "T");
  EXPECT_EQ(frag.directives.at(0)->name.value, "f");
}

TEST(Parser, GQL_2_KeywordsAreOrdinaryNamesWhereGraphqlAllowsThem) {
  auto doc = mustParse("query on { true false null fragment: query } fragment true on T { a(on: 1) }");
  EXPECT_EQ(def<OperationDefinition>(*doc, 0).name->value, "on");
  EXPECT_EQ(def<FragmentDefinition>(*doc, 1).name.value, "true");
}

TEST(Parser, GQL_2_EveryValueKind) {
  auto doc = mustParse(
      "{ f(i: -12, fl: 1.5e3, s: \"x\", bs: \"\"\"y\"\"\", t: true, n: null, e: RED, l: [1, [2]], "
      "o: {a: 1, b: {c: $v}}, v: $v) }");
  const auto& args = def<OperationDefinition>(*doc, 0).selectionSet->selections[0]->as<Field>().arguments;
  ASSERT_EQ(args.size(), 10u);
  EXPECT_EQ(args[0]->value->as<IntValue>().value, "-12");
  EXPECT_EQ(args[1]->value->as<FloatValue>().value, "1.5e3");
  EXPECT_FALSE(args[2]->value->as<StringValue>().block);
  EXPECT_TRUE(args[3]->value->as<StringValue>().block);
  EXPECT_EQ(args[3]->value->as<StringValue>().value, "y");
  EXPECT_TRUE(args[4]->value->as<BooleanValue>().value);
  EXPECT_EQ(args[5]->value->kind, Kind::NullValue);
  EXPECT_EQ(args[6]->value->as<EnumValue>().value, "RED");
  EXPECT_EQ(args[7]->value->as<ListValue>().values.size(), 2u);
  const auto& obj = args[8]->value->as<ObjectValue>();
  ASSERT_EQ(obj.fields.size(), 2u);
  EXPECT_EQ(obj.fields[1]->name.value, "b");
  EXPECT_EQ(args[9]->value->as<Variable>().name.value, "v");
}

TEST(Parser, GQL_2_EmptyListAndObjectValuesAreAllowed) {
  auto doc = mustParse("{ f(a: [], b: {}) }");
  const auto& args = def<OperationDefinition>(*doc, 0).selectionSet->selections[0]->as<Field>().arguments;
  EXPECT_TRUE(args[0]->value->as<ListValue>().values.empty());
  EXPECT_TRUE(args[1]->value->as<ObjectValue>().fields.empty());
}

TEST(Parser, GQL_2_NamesAreViewsIntoTheDocumentSource) {
  auto doc = mustParse("{ hero }");
  const auto& name = def<OperationDefinition>(*doc, 0).selectionSet->selections[0]->as<Field>().name.value;
  EXPECT_EQ(name.data(), doc->source->data() + 2);
}

TEST(Parser, GQL_2_LocationsOfNodes) {
  // Same line/column/start/end as graphql-js's loc (startToken, lastToken).
  auto doc = mustParse("query Q {\n  a: b(x: [1, 2]) { c }\n}");
  const auto& op = def<OperationDefinition>(*doc, 0);
  EXPECT_EQ(op.loc.line, 1u);
  EXPECT_EQ(op.loc.column, 1u);
  EXPECT_EQ(op.loc.start, 0u);
  EXPECT_EQ(op.loc.end, 35u);
  const auto& f = op.selectionSet->selections[0]->as<Field>();
  EXPECT_EQ(f.loc.line, 2u);
  EXPECT_EQ(f.loc.column, 3u);
  EXPECT_EQ(f.loc.start, 12u);
  EXPECT_EQ(f.loc.end, 33u);
  EXPECT_EQ(f.name.loc.column, 6u);
  const auto& list = f.arguments[0]->value->as<ListValue>();
  EXPECT_EQ(list.loc.column, 11u);
  EXPECT_EQ(list.loc.end - list.loc.start, 6u);
  EXPECT_EQ(doc->loc.end, 35u);
}

TEST(Parser, GQL_2_TokenCountMatchesGraphqlJs) {
  EXPECT_EQ(mustParse("query Q($a: Int = 1) { a(x: [1, 2]) { b } }")->tokenCount, 24u);
  EXPECT_EQ(mustParse("{ a } # c\n")->tokenCount, 3u);  // comments are not tokens
}

TEST(Parser, GQL_2_SchemaDefinitionAndExtension) {
  auto doc = mustParse("\"root\" schema @d { query: Q mutation: M subscription: S } extend schema @e { mutation: M2 }");
  const auto& s = def<SchemaDefinition>(*doc, 0);
  EXPECT_EQ(s.description->value, "root");
  ASSERT_EQ(s.operationTypes.size(), 3u);
  EXPECT_EQ(s.operationTypes[1]->operation, OperationType::Mutation);
  EXPECT_EQ(s.operationTypes[1]->type->name.value, "M");
  EXPECT_EQ(s.directives.size(), 1u);
  const auto& e = def<SchemaExtension>(*doc, 1);
  EXPECT_EQ(e.kind, Kind::SchemaExtension);
  EXPECT_EQ(e.operationTypes.at(0)->type->name.value, "M2");
  EXPECT_TRUE(mustParse("extend schema @d")->definitions.at(0)->as<SchemaExtension>().operationTypes.empty());
}

TEST(Parser, GQL_2_ObjectAndInterfaceTypesWithFieldsArgumentsAndInterfaces) {
  auto doc = mustParse(
      "\"\"\"An object\"\"\" type A implements & B & C @d {\n"
      "  \"a field\" f(\"arg\" x: Int = 1 @e, y: [I!]!): [Int] @deprecated(reason: \"no\")\n"
      "  g: String\n"
      "}\n"
      "interface B implements C { f: Int }");
  const auto& a = def<TypeDefinitionOrExtension>(*doc, 0);
  EXPECT_EQ(a.kind, Kind::ObjectTypeDefinition);
  EXPECT_FALSE(a.isExtension());
  EXPECT_EQ(a.description->value, "An object");
  EXPECT_TRUE(a.description->block);
  ASSERT_EQ(a.interfaces.size(), 2u);
  EXPECT_EQ(a.interfaces[1]->name.value, "C");
  ASSERT_EQ(a.fields.size(), 2u);
  const auto& f = *a.fields[0];
  EXPECT_EQ(f.description->value, "a field");
  ASSERT_EQ(f.arguments.size(), 2u);
  EXPECT_EQ(f.arguments[0]->description->value, "arg");
  EXPECT_EQ(printValueNode(*f.arguments[0]->defaultValue), "1");
  EXPECT_EQ(f.arguments[0]->directives.size(), 1u);
  EXPECT_EQ(printTypeNode(*f.arguments[1]->type), "[I!]!");
  EXPECT_EQ(printTypeNode(*f.type), "[Int]");
  const auto& b = def<TypeDefinitionOrExtension>(*doc, 1);
  EXPECT_EQ(b.kind, Kind::InterfaceTypeDefinition);
  EXPECT_EQ(b.interfaces.at(0)->name.value, "C");
}

TEST(Parser, GQL_2_TypeWithoutFieldsIsAllowedAsInGraphqlJs) {
  auto doc = mustParse("type A interface I input In enum E union U scalar S");
  EXPECT_EQ(doc->definitions.size(), 6u);
}

TEST(Parser, GQL_2_UnionEnumInputScalarDefinitions) {
  auto doc = mustParse(
      "union U @d = | A | B\n"
      "enum E { \"red\" RED @d GREEN }\n"
      "input In { a: Int = 1, b: [String] = [\"x\"] @d }\n"
      "scalar Date @specifiedBy(url: \"u\")");
  const auto& u = def<TypeDefinitionOrExtension>(*doc, 0);
  EXPECT_EQ(u.kind, Kind::UnionTypeDefinition);
  ASSERT_EQ(u.types.size(), 2u);
  EXPECT_EQ(u.types[0]->name.value, "A");
  const auto& e = def<TypeDefinitionOrExtension>(*doc, 1);
  ASSERT_EQ(e.values.size(), 2u);
  EXPECT_EQ(e.values[0]->description->value, "red");
  EXPECT_EQ(e.values[0]->directives.size(), 1u);
  const auto& in = def<TypeDefinitionOrExtension>(*doc, 2);
  ASSERT_EQ(in.inputFields.size(), 2u);
  EXPECT_EQ(printValueNode(*in.inputFields[1]->defaultValue), "[\"x\"]");
  const auto& s = def<TypeDefinitionOrExtension>(*doc, 3);
  EXPECT_EQ(s.kind, Kind::ScalarTypeDefinition);
  EXPECT_EQ(s.directives.at(0)->name.value, "specifiedBy");
}

TEST(Parser, GQL_2_EveryTypeExtensionKind) {
  auto doc = mustParse(
      "extend scalar S @d extend type T implements I { f: Int } extend interface I @d "
      "extend union U = A extend enum E { X } extend input In { a: Int }");
  const Kind kinds[] = {Kind::ScalarTypeExtension, Kind::ObjectTypeExtension, Kind::InterfaceTypeExtension,
                        Kind::UnionTypeExtension,  Kind::EnumTypeExtension,   Kind::InputObjectTypeExtension};
  ASSERT_EQ(doc->definitions.size(), 6u);
  for (std::size_t i = 0; i < 6; ++i) {
    EXPECT_EQ(doc->definitions[i]->kind, kinds[i]);
    EXPECT_TRUE(isTypeExtension(doc->definitions[i]->kind));
    EXPECT_TRUE(def<TypeDefinitionOrExtension>(*doc, i).isExtension());
  }
  EXPECT_EQ(def<TypeDefinitionOrExtension>(*doc, 1).interfaces.at(0)->name.value, "I");
  EXPECT_EQ(def<TypeDefinitionOrExtension>(*doc, 1).loc.start, 19u);
}

TEST(Parser, GQL_2_DirectiveDefinitions) {
  auto doc = mustParse(
      "\"doc\" directive @key(fields: String!) repeatable on | OBJECT | INTERFACE\n"
      "directive @d on FIELD");
  const auto& k = def<DirectiveDefinition>(*doc, 0);
  EXPECT_EQ(k.description->value, "doc");
  EXPECT_EQ(k.name.value, "key");
  EXPECT_TRUE(k.repeatable);
  ASSERT_EQ(k.arguments.size(), 1u);
  ASSERT_EQ(k.locations.size(), 2u);
  EXPECT_EQ(k.locations[1].value, "INTERFACE");
  EXPECT_EQ(k.locations[1].loc.column, 64u);
  EXPECT_FALSE(def<DirectiveDefinition>(*doc, 1).repeatable);
}

TEST(Parser, GQL_2_ExecutableDescriptionsAsGraphqlJs16) {
  // graphql-js 16.15 accepts descriptions on operations, fragments and variables.
  auto doc = mustParse("\"op\" query Q(\"var\" $a: Int) { a } \"\"\"frag\"\"\" fragment F on T { a }");
  EXPECT_EQ(def<OperationDefinition>(*doc, 0).description->value, "op");
  EXPECT_EQ(def<OperationDefinition>(*doc, 0).variableDefinitions[0]->description->value, "var");
  EXPECT_EQ(def<FragmentDefinition>(*doc, 1).description->value, "frag");
}

TEST(Parser, GQL_2_ValueAndTypeDocuments) {
  ParseResult v = parseValueDocument("{a: [1, $x], b: \"s\"}");
  ASSERT_TRUE(v.document) << v.error->message;
  ASSERT_TRUE(v.document->value);
  EXPECT_EQ(printValueNode(*v.document->value), "{a: [1, $x], b: \"s\"}");
  ParseResult c = parseValueDocument("[$x]", {}, true);
  ASSERT_TRUE(c.error);
  EXPECT_EQ(c.error->message, "Syntax Error: Unexpected variable \"$x\" in constant value.");
  ParseResult extra = parseValueDocument("1 2");
  ASSERT_TRUE(extra.error);
  EXPECT_EQ(extra.error->message, "Syntax Error: Expected <EOF>, found Int \"2\".");
  ParseResult t = parseTypeDocument("[[Int!]]!");
  ASSERT_TRUE(t.document);
  EXPECT_EQ(printTypeNode(*t.document->type), "[[Int!]]!");
  EXPECT_TRUE(parseTypeDocument("[Int").error);
}

TEST(Parser, GQL_2_DocumentsMayBeFreedOnAnotherThread) {
  // AST nodes are recycled per thread (ast.cpp): a document parsed on one
  // thread and destroyed on another must be fine, repeatedly.
  std::vector<std::unique_ptr<Document>> docs(8);
  for (int round = 0; round < 20; ++round) {
    std::vector<std::thread> threads;
    for (std::size_t i = 0; i < docs.size(); ++i) {
      threads.emplace_back([&docs, i] {
        docs[i] = parse("query Q($a: Int = 1) { a(x: [1, {b: 2}]) { ...F ... on T { c } } } fragment F on T { d }")
                      .document;
      });
    }
    for (auto& t : threads) t.join();
    for (const auto& d : docs) ASSERT_TRUE(d && d->definitions.size() == 2);
    std::thread([&docs] {
      for (auto& d : docs) d.reset();
    }).join();
  }
}

TEST(ParserLimits, GQL_3_SourceBytesAreRefusedBeforeLexing) {
  ParseLimits limits;
  limits.maxSourceBytes = 10;
  // Never lexed: the bad character past the limit is not what is reported.
  GraphQLError e = mustFail("{ a b c d e ? }", limits);
  EXPECT_EQ(e.message, "Syntax Error: Source contains more than 10 bytes. Parsing aborted.");
  mustParse("{ a b c }", limits);
}

TEST(ParserLimits, GQL_3_MaxTokensWordedAndPlacedAsGraphqlJs) {
  ParseLimits limits;
  limits.maxTokens = 3;
  GraphQLError e = mustFail("{a b c}", limits);
  // graphql-js 16.15's wording, "more that" included.
  EXPECT_EQ(e.message, "Syntax Error: Document contains more that 3 tokens. Parsing aborted.");
  ASSERT_EQ(e.locations.size(), 1u);
  EXPECT_EQ(e.locations[0], (SourceLocation{1, 6}));
  limits.maxTokens = 5;
  EXPECT_EQ(mustParse("{a b c}", limits)->tokenCount, 5u);
  limits.maxTokens = 4;
  e = mustFail("# x\n{ a(x: \"s\") }", limits);
  EXPECT_EQ(e.locations[0], (SourceLocation{2, 6}));
}

TEST(ParserLimits, GQL_3_NestingDepthBoundary) {
  ParseLimits limits;
  limits.maxDepth = 3;
  mustParse("{ a { b { c } } }", limits);
  GraphQLError e = mustFail("{ a { b { c { d } } } }", limits);
  EXPECT_EQ(e.message, "Syntax Error: Document is nested more than 3 levels deep. Parsing aborted.");
  EXPECT_EQ(e.locations[0], (SourceLocation{1, 13}));
  mustParse("{ a(x: [[1]]) }", limits);
  EXPECT_EQ(mustFail("{ a(x: [[[1]]]) }", limits).locations[0], (SourceLocation{1, 10}));
  mustParse("{ a(x: {b: {c: 1}}) }", limits);
  EXPECT_EQ(mustFail("{ a(x: {b: {c: {d: 1}}}) }", limits).locations[0], (SourceLocation{1, 16}));
  mustParse("query ($a: [[[Int]]]) { a }", limits);
  EXPECT_TRUE(mustFail("query ($a: [[[[Int]]]]) { a }", limits).message.find("nested more than 3") != std::string::npos);
}

// Run under ASan by `make test`: hostile nesting must end in a syntax error,
// never in a stack overflow, whatever maxDepth asks for.
TEST(ParserLimits, GQL_3_HundredThousandOpeningBracketsGiveASyntaxError) {
  ParseLimits limits;
  limits.maxDepth = 1u << 30;  // clamped internally
  limits.maxTokens = 1u << 30;
  const std::string opens[] = {std::string(100000, '{'), "{ a(x: " + std::string(100000, '['),
                               "{ a(x: " + std::string(100000, '{'), "query ($a: " + std::string(100000, '['),
                               "{ a " + std::string(50000, '{')};
  for (const std::string& src : opens) {
    GraphQLError e = mustFail(src, limits);
    EXPECT_NE(e.message.find("Syntax Error: "), std::string::npos) << e.message;
  }
  GraphQLError e = mustFail("{ a(x: " + std::string(100000, '[') + std::string(100000, ']') + ") }");
  EXPECT_EQ(e.message, "Syntax Error: Document is nested more than 128 levels deep. Parsing aborted.");
}

// Expected messages and locations were produced by graphql-js 16.15 parse().
TEST(Parser, GQL_2_ErrorMessagesAndLocationsMatchGraphqlJs) {
  const SyntaxErrorCase cases[] = {
    {"", "Syntax Error: Unexpected <EOF>.", 1, 1},
    {"   ", "Syntax Error: Unexpected <EOF>.", 1, 4},
    {"# only a comment", "Syntax Error: Unexpected <EOF>.", 1, 17},
    {"{", "Syntax Error: Expected Name, found <EOF>.", 1, 2},
    {"}", "Syntax Error: Unexpected \"}\".", 1, 1},
    {"{ a", "Syntax Error: Expected Name, found <EOF>.", 1, 4},
    {"{ a }}", "Syntax Error: Unexpected \"}\".", 1, 6},
    {"{}", "Syntax Error: Expected Name, found \"}\".", 1, 2},
    {"{ a(", "Syntax Error: Expected Name, found <EOF>.", 1, 5},
    {"{ a(x) }", "Syntax Error: Expected \":\", found \")\".", 1, 6},
    {"{ a(x:) }", "Syntax Error: Unexpected \")\".", 1, 7},
    {"{ a(x: 1 }", "Syntax Error: Expected Name, found \"}\".", 1, 10},
    {"{ a() }", "Syntax Error: Expected Name, found \")\".", 1, 5},
    {"query", "Syntax Error: Expected \"{\", found <EOF>.", 1, 6},
    {"query {", "Syntax Error: Expected Name, found <EOF>.", 1, 8},
    {"query Q", "Syntax Error: Expected \"{\", found <EOF>.", 1, 8},
    {"query Q(", "Syntax Error: Expected \"$\", found <EOF>.", 1, 9},
    {"query Q() { a }", "Syntax Error: Expected \"$\", found \")\".", 1, 9},
    {"query Q($a) { a }", "Syntax Error: Expected \":\", found \")\".", 1, 11},
    {"query Q($a: ) { a }", "Syntax Error: Expected Name, found \")\".", 1, 13},
    {"query Q($a: Int = $b) { a }", "Syntax Error: Unexpected variable \"$b\" in constant value.", 1, 19},
    {"query Q($a: Int = ) { a }", "Syntax Error: Unexpected \")\".", 1, 19},
    {"query Q(a: Int) { a }", "Syntax Error: Expected \"$\", found Name \"a\".", 1, 9},
    {"query Q($a: [Int) { a }", "Syntax Error: Expected \"]\", found \")\".", 1, 17},
    {"query Q($a: Int!!) { a }", "Syntax Error: Expected \"$\", found \"!\".", 1, 17},
    {"{ a @ }", "Syntax Error: Expected Name, found \"}\".", 1, 7},
    {"{ a @d( }", "Syntax Error: Expected Name, found \"}\".", 1, 9},
    {"foo", "Syntax Error: Unexpected Name \"foo\".", 1, 1},
    {"foo { a }", "Syntax Error: Unexpected Name \"foo\".", 1, 1},
    {"\"str\"", "Syntax Error: Unexpected <EOF>.", 1, 6},
    {"\"str\" foo", "Syntax Error: Unexpected description, only GraphQL definitions support descriptions.", 1, 1},
    {"\"\"\"str\"\"\" foo", "Syntax Error: Unexpected description, only GraphQL definitions support descriptions.", 1, 1},
    {"123", "Syntax Error: Unexpected Int \"123\".", 1, 1},
    {"$", "Syntax Error: Unexpected \"$\".", 1, 1},
    {"!", "Syntax Error: Unexpected \"!\".", 1, 1},
    {"...", "Syntax Error: Unexpected \"...\".", 1, 1},
    {"notaquery { a }", "Syntax Error: Unexpected Name \"notaquery\".", 1, 1},
    {"{ a(x: {a}) }", "Syntax Error: Expected \":\", found \"}\".", 1, 10},
    {"{ a(x: {a: }) }", "Syntax Error: Unexpected \"}\".", 1, 12},
    {"{ a(x: [1,) }", "Syntax Error: Unexpected \")\".", 1, 11},
    {"{ a(x: [1, 2) }", "Syntax Error: Unexpected \")\".", 1, 13},
    {"{ a(x: }) }", "Syntax Error: Unexpected \"}\".", 1, 8},
    {"{ a(x: $) }", "Syntax Error: Expected Name, found \")\".", 1, 9},
    {"{ a(x: $1) }", "Syntax Error: Expected Name, found Int \"1\".", 1, 9},
    {"{ a(x: \"a\" \"b\") }", "Syntax Error: Expected Name, found String \"b\".", 1, 12},
    {"{ ...on }", "Syntax Error: Expected Name, found \"}\".", 1, 9},
    {"{ ... on }", "Syntax Error: Expected Name, found \"}\".", 1, 10},
    {"{ ... }", "Syntax Error: Expected \"{\", found \"}\".", 1, 7},
    {"{ ...F( }", "Syntax Error: Expected Name, found \"(\".", 1, 7},
    {"fragment on on T { a }", "Syntax Error: Unexpected Name \"on\".", 1, 10},
    {"fragment F { a }", "Syntax Error: Expected \"on\", found \"{\".", 1, 12},
    {"fragment F on T", "Syntax Error: Expected \"{\", found <EOF>.", 1, 16},
    {"fragment \"on\" on T { a }", "Syntax Error: Unexpected String \"on\".", 1, 10},
    {"\"desc\" { a }", "Syntax Error: Unexpected description, descriptions are not supported on shorthand queries.", 1, 1},
    {"\"desc\" extend type A @d", "Syntax Error: Unexpected description, only GraphQL definitions support descriptions.", 1, 1},
    {"\"desc\" foo", "Syntax Error: Unexpected description, only GraphQL definitions support descriptions.", 1, 1},
    {"\"desc\" \"desc2\" type A", "Syntax Error: Unexpected String \"desc2\".", 1, 8},
    {"extend type A", "Syntax Error: Unexpected <EOF>.", 1, 14},
    {"extend scalar S", "Syntax Error: Unexpected <EOF>.", 1, 16},
    {"extend schema", "Syntax Error: Unexpected <EOF>.", 1, 14},
    {"extend union U", "Syntax Error: Unexpected <EOF>.", 1, 15},
    {"extend enum E", "Syntax Error: Unexpected <EOF>.", 1, 14},
    {"extend input I", "Syntax Error: Unexpected <EOF>.", 1, 15},
    {"extend interface I", "Syntax Error: Unexpected <EOF>.", 1, 19},
    {"extend directive @d on FIELD", "Syntax Error: Unexpected Name \"directive\".", 1, 8},
    {"extend foo", "Syntax Error: Unexpected Name \"foo\".", 1, 8},
    {"extend", "Syntax Error: Unexpected <EOF>.", 1, 7},
    {"extend \"x\"", "Syntax Error: Unexpected String \"x\".", 1, 8},
    {"extend type", "Syntax Error: Expected Name, found <EOF>.", 1, 12},
    {"extend schema {}", "Syntax Error: Expected Name, found \"}\".", 1, 16},
    {"schema {}", "Syntax Error: Expected Name, found \"}\".", 1, 9},
    {"schema { foo: Q }", "Syntax Error: Unexpected Name \"foo\".", 1, 10},
    {"schema { query Q }", "Syntax Error: Expected \":\", found Name \"Q\".", 1, 16},
    {"schema", "Syntax Error: Expected \"{\", found <EOF>.", 1, 7},
    {"type A {}", "Syntax Error: Expected Name, found \"}\".", 1, 9},
    {"type A { a }", "Syntax Error: Expected \":\", found \"}\".", 1, 12},
    {"type A { a: }", "Syntax Error: Expected Name, found \"}\".", 1, 13},
    {"type A { a(): Int }", "Syntax Error: Expected Name, found \")\".", 1, 12},
    {"type A implements", "Syntax Error: Expected Name, found <EOF>.", 1, 18},
    {"type A implements & { a: Int }", "Syntax Error: Expected Name, found \"{\".", 1, 21},
    {"type A implements B & { a: Int }", "Syntax Error: Expected Name, found \"{\".", 1, 23},
    {"union U = ", "Syntax Error: Expected Name, found <EOF>.", 1, 11},
    {"union U = |", "Syntax Error: Expected Name, found <EOF>.", 1, 12},
    {"union U = A |", "Syntax Error: Expected Name, found <EOF>.", 1, 14},
    {"union U = A | | B", "Syntax Error: Expected Name, found \"|\".", 1, 15},
    {"enum E { true }", "Syntax Error: Name \"true\" is reserved and cannot be used for an enum value.", 1, 10},
    {"enum E { false }", "Syntax Error: Name \"false\" is reserved and cannot be used for an enum value.", 1, 10},
    {"enum E { null }", "Syntax Error: Name \"null\" is reserved and cannot be used for an enum value.", 1, 10},
    {"enum E { \"true\" }", "Syntax Error: Expected Name, found \"}\".", 1, 17},
    {"enum E { \"d\" null }", "Syntax Error: Name \"null\" is reserved and cannot be used for an enum value.", 1, 14},
    {"enum E {}", "Syntax Error: Expected Name, found \"}\".", 1, 9},
    {"enum E { A", "Syntax Error: Expected Name, found <EOF>.", 1, 11},
    {"input I { a: Int = $v }", "Syntax Error: Unexpected variable \"$v\" in constant value.", 1, 20},
    {"input I {}", "Syntax Error: Expected Name, found \"}\".", 1, 10},
    {"input I { a }", "Syntax Error: Expected \":\", found \"}\".", 1, 13},
    {"type T @d(a: $x)", "Syntax Error: Unexpected variable \"$x\" in constant value.", 1, 14},
    {"type T { f(a: Int = $x): Int }", "Syntax Error: Unexpected variable \"$x\" in constant value.", 1, 21},
    {"query ($a: Int = {a: $b}) { a }", "Syntax Error: Unexpected variable \"$b\" in constant value.", 1, 22},
    {"query ($a: Int = [$b]) { a }", "Syntax Error: Unexpected variable \"$b\" in constant value.", 1, 19},
    {"query ($a: Int @d(x: $y)) { a }", "Syntax Error: Unexpected variable \"$y\" in constant value.", 1, 22},
    {"query Q { a } { b } }", "Syntax Error: Unexpected \"}\".", 1, 21},
    {"directive @d on | ", "Syntax Error: Expected Name, found <EOF>.", 1, 19},
    {"directive @d on FOO", "Syntax Error: Unexpected Name \"FOO\".", 1, 17},
    {"directive @d on", "Syntax Error: Expected Name, found <EOF>.", 1, 16},
    {"directive @d", "Syntax Error: Expected \"on\", found <EOF>.", 1, 13},
    {"directive d on FIELD", "Syntax Error: Expected \"@\", found Name \"d\".", 1, 11},
    {"directive @d on FIELD | field", "Syntax Error: Unexpected Name \"field\".", 1, 25},
    {"directive @d repeatable", "Syntax Error: Expected \"on\", found <EOF>.", 1, 24},
    {"directive @d(a) on FIELD", "Syntax Error: Expected \":\", found \")\".", 1, 15},
    {"scalar", "Syntax Error: Expected Name, found <EOF>.", 1, 7},
    {"scalar S @", "Syntax Error: Expected Name, found <EOF>.", 1, 11},
    {"type", "Syntax Error: Expected Name, found <EOF>.", 1, 5},
    {"interface", "Syntax Error: Expected Name, found <EOF>.", 1, 10},
    {"union", "Syntax Error: Expected Name, found <EOF>.", 1, 6},
    {"enum", "Syntax Error: Expected Name, found <EOF>.", 1, 5},
    {"input", "Syntax Error: Expected Name, found <EOF>.", 1, 6},
    {"subscription", "Syntax Error: Expected \"{\", found <EOF>.", 1, 13},
    {"mutation { a } mutation", "Syntax Error: Expected \"{\", found <EOF>.", 1, 24},
    {"query Q {\n  a(x: 1)\n  b(y: [\n    1\n    2\n  }\n}", "Syntax Error: Unexpected \"}\".", 6, 3},
  };
  expectSyntaxErrors(cases);
}

TEST(ErrorJson, MessageLocationsAndPath) {
  std::string out;
  GraphQLError e("Syntax Error: Unexpected \"}\".", {{1, 2}, {3, 4}});
  appendErrorJson(out, e);
  EXPECT_EQ(out, R"({"message":"Syntax Error: Unexpected \"}\".","locations":[{"line":1,"column":2},{"line":3,"column":4}]})");
  out.clear();
  GraphQLError f("boom");
  appendErrorJson(out, f);
  EXPECT_EQ(out, R"({"message":"boom"})");  // no locations, no path
  out.clear();
  f.hasPath = true;
  f.path = {std::string("a"), std::int64_t{0}, std::string("b\n")};
  f.locations = {{5, 6}};
  appendErrorJson(out, f);
  EXPECT_EQ(out, R"({"message":"boom","locations":[{"line":5,"column":6}],"path":["a",0,"b\n"]})");
}
