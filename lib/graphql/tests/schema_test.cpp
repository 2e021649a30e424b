// Tests of the schema: SDL -> Schema (graphql-js buildASTSchema), SDL and
// schema validation messages, built-in scalars, inspect(), type helpers and
// binding. Expected messages and orders were produced by graphql-js 16.15.
#include <gtest/gtest.h>

#include <thread>

#include "graphql/parser.h"
#include "graphql/schema.h"
#include "schema_test_util.h"
#include "../src/inspect.h"

using namespace kubos::graphql;

namespace {

using test::errorsJson;

std::shared_ptr<Schema> build(const std::string& sdl) {
  std::vector<GraphQLError> errors;
  auto schema = Schema::fromSDL(sdl, &errors);
  EXPECT_TRUE(schema) << errorsJson(errors);
  return schema;
}

std::string typeNames(const Schema& s) {
  std::string out;
  for (const NamedTypeDef* t : s.types()) {
    if (!out.empty()) out += ' ';
    out += t->name;
  }
  return out;
}

struct ErrorCase {
  const char* requirement;
  const char* sdl;
  const char* expected;  // graphql-js's errors as JSON
};

// Each case names the graphql-js SDL rule or validateSchema check it proves.
const ErrorCase kErrorCases[] = {
    {"LoneSchemaDefinition",
     R"SDL(type Query { a: String }
schema { query: Query }
schema { query: Query })SDL",
     R"JSON([{"message":"Must provide only one schema definition.","locations":[{"line":3,"column":1}]},{"message":"There can be only one query type in schema.","locations":[{"line":2,"column":10},{"line":3,"column":10}]}])JSON"},
    {"UniqueOperationTypes",
     R"SDL(type Query { a: String }
schema { query: Query query: Query mutation: Query }
extend schema { mutation: Query })SDL",
     R"JSON([{"message":"There can be only one query type in schema.","locations":[{"line":2,"column":10},{"line":2,"column":23}]},{"message":"There can be only one mutation type in schema.","locations":[{"line":2,"column":36},{"line":3,"column":17}]}])JSON"},
    {"UniqueTypeNames",
     R"SDL(type Query { a: String }
type Query { b: String }
scalar Query)SDL",
     R"JSON([{"message":"There can be only one type named \"Query\".","locations":[{"line":1,"column":6},{"line":2,"column":6}]},{"message":"There can be only one type named \"Query\".","locations":[{"line":1,"column":6},{"line":3,"column":8}]}])JSON"},
    {"UniqueEnumValueNames",
     R"SDL(type Query { a: String }
enum E { A B A }
extend enum E { B C })SDL",
     R"JSON([{"message":"Enum value \"E.A\" can only be defined once.","locations":[{"line":2,"column":10},{"line":2,"column":14}]},{"message":"Enum value \"E.B\" can only be defined once.","locations":[{"line":2,"column":12},{"line":3,"column":17}]}])JSON"},
    {"UniqueFieldDefinitionNames",
     R"SDL(type Query { a: String a: Int }
extend type Query { a: Int b: Int }
input I { x: Int x: Int }
interface F { y: Int y: Int })SDL",
     R"JSON([{"message":"Field \"Query.a\" can only be defined once.","locations":[{"line":1,"column":14},{"line":1,"column":24}]},{"message":"Field \"Query.a\" can only be defined once.","locations":[{"line":1,"column":14},{"line":2,"column":21}]},{"message":"Field \"I.x\" can only be defined once.","locations":[{"line":3,"column":11},{"line":3,"column":18}]},{"message":"Field \"F.y\" can only be defined once.","locations":[{"line":4,"column":15},{"line":4,"column":22}]}])JSON"},
    {"UniqueArgumentDefinitionNames",
     R"SDL(type Query { a(x: Int, x: Int, y: Int, x: String, y: Int): String }
directive @d(a: Int, a: Int) on FIELD)SDL",
     R"JSON([{"message":"Argument \"Query.a(x:)\" can only be defined once.","locations":[{"line":1,"column":16},{"line":1,"column":24},{"line":1,"column":40}]},{"message":"Argument \"Query.a(y:)\" can only be defined once.","locations":[{"line":1,"column":32},{"line":1,"column":51}]},{"message":"Argument \"@d(a:)\" can only be defined once.","locations":[{"line":2,"column":14},{"line":2,"column":22}]}])JSON"},
    {"UniqueDirectiveNames",
     R"SDL(type Query { a: String }
directive @d on FIELD
directive @d on OBJECT)SDL",
     R"JSON([{"message":"There can be only one directive named \"@d\".","locations":[{"line":2,"column":12},{"line":3,"column":12}]}])JSON"},
    {"KnownTypeNamesWithSuggestions",
     R"SDL(type Query { a: Strin, b: Foo, c: [Quer!]!, d(x: Innt): Int }
union U = Query | Nope)SDL",
     R"JSON([{"message":"Unknown type \"Strin\". Did you mean \"String\"?","locations":[{"line":1,"column":17}]},{"message":"Unknown type \"Foo\".","locations":[{"line":1,"column":27}]},{"message":"Unknown type \"Quer\". Did you mean \"Query\"?","locations":[{"line":1,"column":36}]},{"message":"Unknown type \"Innt\". Did you mean \"Int\"?","locations":[{"line":1,"column":50}]},{"message":"Unknown type \"Nope\".","locations":[{"line":2,"column":19}]}])JSON"},
    {"KnownDirectivesAndLocations",
     R"SDL(type Query @skip(if: true) { a: String @unknown @deprecated(reason: "x") @specifiedBy(url: "u") }
scalar S @specifiedBy(url: "x") @deprecated
enum E { A @deprecated B @include(if: true) }
input I { a: Int @deprecated b: Int @oneOf }
directive @d(a: Int @deprecated, b: Int @specifiedBy(url: "")) on FIELD
schema @deprecated { query: Query })SDL",
     R"JSON([{"message":"Directive \"@skip\" may not be used on OBJECT.","locations":[{"line":1,"column":12}]},{"message":"Unknown directive \"@unknown\".","locations":[{"line":1,"column":40}]},{"message":"Directive \"@specifiedBy\" may not be used on FIELD_DEFINITION.","locations":[{"line":1,"column":74}]},{"message":"Directive \"@deprecated\" may not be used on SCALAR.","locations":[{"line":2,"column":33}]},{"message":"Directive \"@include\" may not be used on ENUM_VALUE.","locations":[{"line":3,"column":26}]},{"message":"Directive \"@oneOf\" may not be used on INPUT_FIELD_DEFINITION.","locations":[{"line":4,"column":37}]},{"message":"Directive \"@specifiedBy\" may not be used on ARGUMENT_DEFINITION.","locations":[{"line":5,"column":41}]},{"message":"Directive \"@deprecated\" may not be used on SCHEMA.","locations":[{"line":6,"column":8}]}])JSON"},
    {"KnownDirectivesInputFieldOfExtensionIsArgumentDefinition",
     R"SDL(directive @d on INPUT_FIELD_DEFINITION | OBJECT
type Query { a: String }
input I { a: Int @d }
extend input I { b: Int @d })SDL",
     R"JSON([{"message":"Directive \"@d\" may not be used on ARGUMENT_DEFINITION.","locations":[{"line":4,"column":25}]}])JSON"},
    {"UniqueDirectivesPerLocationSharedWithExtensions",
     R"SDL(type Query @deprecated @deprecated { a: String }
extend type Query @deprecated
directive @r repeatable on OBJECT
directive @n on OBJECT | FIELD_DEFINITION
type Foo @r @r @n @n { a: String @n @n }
extend type Foo @n)SDL",
     R"JSON([{"message":"The directive \"@deprecated\" can only be used once at this location.","locations":[{"line":1,"column":12},{"line":1,"column":24}]},{"message":"Directive \"@deprecated\" may not be used on OBJECT.","locations":[{"line":1,"column":12}]},{"message":"Directive \"@deprecated\" may not be used on OBJECT.","locations":[{"line":1,"column":24}]},{"message":"The directive \"@deprecated\" can only be used once at this location.","locations":[{"line":1,"column":12},{"line":2,"column":19}]},{"message":"Directive \"@deprecated\" may not be used on OBJECT.","locations":[{"line":2,"column":19}]},{"message":"The directive \"@n\" can only be used once at this location.","locations":[{"line":5,"column":16},{"line":5,"column":19}]},{"message":"The directive \"@n\" can only be used once at this location.","locations":[{"line":5,"column":34},{"line":5,"column":37}]},{"message":"The directive \"@n\" can only be used once at this location.","locations":[{"line":5,"column":16},{"line":6,"column":17}]}])JSON"},
    {"PossibleTypeExtensions",
     R"SDL(type Query { a: String }
extend type Querry { b: String }
extend scalar Query
extend union Foo = Query
extend input Query { a: Int }
extend enum Query { A }
extend interface Query { a: Int }
scalar S
extend type S { a: Int })SDL",
     R"JSON([{"message":"Syntax Error: Unexpected Name \"extend\".","locations":[{"line":4,"column":1}]}])JSON"},
    {"KnownArgumentNamesOnDirectives",
     R"SDL(type Query { a: String @deprecated(reasn: "x", reason: "y") }
scalar S @specifiedBy(urll: "x")
directive @d(alpha: Int, beta: Int!) on FIELD_DEFINITION
type T { a: Int @d(alpah: 1) })SDL",
     R"JSON([{"message":"Unknown argument \"reasn\" on directive \"@deprecated\". Did you mean \"reason\"?","locations":[{"line":1,"column":36}]},{"message":"Unknown argument \"urll\" on directive \"@specifiedBy\". Did you mean \"url\"?","locations":[{"line":2,"column":23}]},{"message":"Directive \"@specifiedBy\" argument \"url\" of type \"String!\" is required, but it was not provided.","locations":[{"line":2,"column":10}]},{"message":"Unknown argument \"alpah\" on directive \"@d\". Did you mean \"alpha\"?","locations":[{"line":4,"column":20}]},{"message":"Directive \"@d\" argument \"beta\" of type \"Int!\" is required, but it was not provided.","locations":[{"line":4,"column":17}]}])JSON"},
    {"UniqueArgumentNamesAndUniqueInputFieldNames",
     R"SDL(type Query { a: String @deprecated(reason: "x", reason: "y") }
type T { a(x: I = {a: 1, a: 2, b: {c: 1, c: 2}}): Int }
input I { a: Int b: J }
input J { c: Int })SDL",
     R"JSON([{"message":"There can be only one argument named \"reason\".","locations":[{"line":1,"column":36},{"line":1,"column":49}]},{"message":"There can be only one input field named \"a\".","locations":[{"line":2,"column":20},{"line":2,"column":26}]},{"message":"There can be only one input field named \"c\".","locations":[{"line":2,"column":36},{"line":2,"column":42}]}])JSON"},
    {"ProvidedRequiredArgumentsOnDirectives",
     R"SDL(directive @d(a: Int!, b: String! = "x", c: [Int]!) on FIELD_DEFINITION | SCALAR
type Query { a: String @d }
scalar S @specifiedBy)SDL",
     R"JSON([{"message":"Directive \"@d\" argument \"a\" of type \"Int!\" is required, but it was not provided.","locations":[{"line":2,"column":24}]},{"message":"Directive \"@d\" argument \"c\" of type \"[Int]!\" is required, but it was not provided.","locations":[{"line":2,"column":24}]},{"message":"Directive \"@specifiedBy\" argument \"url\" of type \"String!\" is required, but it was not provided.","locations":[{"line":3,"column":10}]}])JSON"},
    {"SDLRulesAlsoVisitExecutableDefinitions",
     R"SDL(type Query { a: String }
query Foo($a: Strin = {a: 1, a: 2}) @skip(if: true) { a(x: 1, x: 2) @include(if: true) @include(if: false) @foo ...F }
fragment F on Query @skip { a })SDL",
     R"JSON([{"message":"Unknown type \"Strin\".","locations":[{"line":2,"column":15}]},{"message":"There can be only one input field named \"a\".","locations":[{"line":2,"column":24},{"line":2,"column":30}]},{"message":"Directive \"@skip\" may not be used on QUERY.","locations":[{"line":2,"column":37}]},{"message":"The directive \"@include\" can only be used once at this location.","locations":[{"line":2,"column":69},{"line":2,"column":88}]},{"message":"There can be only one argument named \"x\".","locations":[{"line":2,"column":57},{"line":2,"column":63}]},{"message":"Unknown directive \"@foo\".","locations":[{"line":2,"column":108}]},{"message":"Directive \"@skip\" may not be used on FRAGMENT_DEFINITION.","locations":[{"line":3,"column":21}]},{"message":"Directive \"@skip\" argument \"if\" of type \"Boolean!\" is required, but it was not provided.","locations":[{"line":3,"column":21}]}])JSON"},
    {"QueryRootTypeMustBeProvided",
     R"SDL(type Foo { a: String })SDL",
     R"JSON([{"message":"Query root type must be provided."}])JSON"},
    {"QueryRootTypeMustBeProvidedWithSchemaLocation",
     R"SDL(schema { mutation: M }
type M { a: Int })SDL",
     R"JSON([{"message":"Query root type must be provided.","locations":[{"line":1,"column":1}]}])JSON"},
    {"RootTypesMustBeObjectTypes",
     R"SDL(schema { query: Q mutation: I subscription: E }
type Q { a: Int }
input I { a: Int }
enum E { A })SDL",
     R"JSON([{"message":"Mutation root type must be Object type if provided, it cannot be I.","locations":[{"line":1,"column":29}]},{"message":"Subscription root type must be Object type if provided, it cannot be E.","locations":[{"line":1,"column":45}]}])JSON"},
    {"QueryRootMustBeObjectType",
     R"SDL(schema { query: Foo }
input Foo { a: Int })SDL",
     R"JSON([{"message":"Query root type must be Object type, it cannot be Foo.","locations":[{"line":1,"column":17}]}])JSON"},
    {"NamesMustNotBeginWithDoubleUnderscore",
     R"SDL(type Query { __a: String, b(__c: Int): Int }
type __Foo { a: Int }
enum E { __X Y }
input __I { __a: Int }
directive @__d(__a: Int) on FIELD)SDL",
     R"JSON([{"message":"Name \"__d\" must not begin with \"__\", which is reserved by GraphQL introspection.","locations":[{"line":5,"column":1}]},{"message":"Name \"__a\" must not begin with \"__\", which is reserved by GraphQL introspection.","locations":[{"line":5,"column":16}]},{"message":"Name \"__a\" must not begin with \"__\", which is reserved by GraphQL introspection.","locations":[{"line":1,"column":14}]},{"message":"Name \"__c\" must not begin with \"__\", which is reserved by GraphQL introspection.","locations":[{"line":1,"column":29}]},{"message":"Name \"__Foo\" must not begin with \"__\", which is reserved by GraphQL introspection.","locations":[{"line":2,"column":1}]},{"message":"Name \"__X\" must not begin with \"__\", which is reserved by GraphQL introspection.","locations":[{"line":3,"column":10}]},{"message":"Name \"__I\" must not begin with \"__\", which is reserved by GraphQL introspection.","locations":[{"line":4,"column":1}]},{"message":"Name \"__a\" must not begin with \"__\", which is reserved by GraphQL introspection.","locations":[{"line":4,"column":13}]}])JSON"},
    {"InputAndOutputTypePositions",
     R"SDL(type Query { a: I, b(x: Query): Int, c(x: [Query!]): Int }
input I { a: Query }
directive @d(a: Query) on FIELD)SDL",
     R"JSON([{"message":"The type of @d(a:) must be Input Type but got: Query.","locations":[{"line":3,"column":14}]},{"message":"The type of Query.a must be Output Type but got: I.","locations":[{"line":1,"column":17}]},{"message":"The type of Query.b(x:) must be Input Type but got: Query.","locations":[{"line":1,"column":25}]},{"message":"The type of Query.c(x:) must be Input Type but got: [Query!].","locations":[{"line":1,"column":43}]},{"message":"The type of I.a must be Input Type but got: Query.","locations":[{"line":2,"column":14}]}])JSON"},
    {"TypesMustDefineFieldsValuesMembers",
     R"SDL(type Query
interface I
union U
enum E
input In)SDL",
     R"JSON([{"message":"Type Query must define one or more fields.","locations":[{"line":1,"column":1}]},{"message":"Type I must define one or more fields.","locations":[{"line":2,"column":1}]},{"message":"Union type U must define one or more member types.","locations":[{"line":3,"column":1}]},{"message":"Enum type E must define one or more values.","locations":[{"line":4,"column":1}]},{"message":"Input Object type In must define one or more fields.","locations":[{"line":5,"column":1}]}])JSON"},
    {"InterfaceFieldsMustBeImplemented",
     R"SDL(type Query { a: Int }
interface I { id: ID! name: String }
type A implements I { id: String name: String }
type B implements I { name: String }
type C implements I & I { id: ID! name: String }
type D implements Query { a: Int })SDL",
     R"JSON([{"message":"Interface field I.id expects type ID! but A.id is type String.","locations":[{"line":2,"column":19},{"line":3,"column":27}]},{"message":"Interface field I.id expected but B does not provide it.","locations":[{"line":2,"column":15},{"line":4,"column":1}]},{"message":"Type C can only implement I once.","locations":[{"line":5,"column":19},{"line":5,"column":23}]},{"message":"Type D must only implement Interface types, it cannot implement Query.","locations":[{"line":6,"column":19}]}])JSON"},
    {"InterfaceFieldArguments",
     R"SDL(type Query { a: Int }
interface I { f(a: Int, b: String): Int }
type A implements I { f(a: String, c: Int!): Int }
type B implements I { f(a: Int, b: String, c: Int = 1, d: Int!): Int })SDL",
     R"JSON([{"message":"Interface field argument I.f(a:) expects type Int but A.f(a:) is type String.","locations":[{"line":2,"column":20},{"line":3,"column":28}]},{"message":"Interface field argument I.f(b:) expected but A.f does not provide it.","locations":[{"line":2,"column":25},{"line":3,"column":23}]},{"message":"Object field A.f includes required argument c that is missing from the Interface field I.f.","locations":[{"line":3,"column":36},{"line":2,"column":15}]},{"message":"Object field B.f includes required argument d that is missing from the Interface field I.f.","locations":[{"line":4,"column":56},{"line":2,"column":15}]}])JSON"},
    {"InterfaceCycles",
     R"SDL(type Query { a: Int }
interface I implements J { a: Int }
interface J implements I { a: Int }
interface K implements K { a: Int }
interface L implements I { a: Int }
type T implements L { a: Int })SDL",
     R"JSON([{"message":"Type I cannot implement J because it would create a circular reference.","locations":[{"line":3,"column":24},{"line":2,"column":24}]},{"message":"Type J cannot implement I because it would create a circular reference.","locations":[{"line":2,"column":24},{"line":3,"column":24}]},{"message":"Type K cannot implement itself because it would create a circular reference.","locations":[{"line":4,"column":24}]},{"message":"Type L must implement J because it is implemented by I.","locations":[{"line":2,"column":24},{"line":5,"column":24}]},{"message":"Type T must implement I because it is implemented by L.","locations":[{"line":5,"column":24},{"line":6,"column":19}]}])JSON"},
    {"InterfacesImplementingInterfacesMustListAncestors",
     R"SDL(type Query { a: Int }
interface Node { id: ID! }
interface Resource implements Node { id: ID! url: String }
type Image implements Resource & Node { id: ID! url: String w: Int }
type Bad implements Resource { id: ID! url: String })SDL",
     R"JSON([{"message":"Type Bad must implement Node because it is implemented by Resource.","locations":[{"line":3,"column":31},{"line":5,"column":21}]}])JSON"},
    {"CovariantFieldTypes",
     R"SDL(type Query { a: Int }
interface I { a: [I] b: I! c: Int }
type T implements I { a: [T!]! b: T! c: Int! }
type U implements I { a: T b: I c: Float })SDL",
     R"JSON([{"message":"Interface field I.a expects type [I] but U.a is type T.","locations":[{"line":2,"column":18},{"line":4,"column":26}]},{"message":"Interface field I.b expects type I! but U.b is type I.","locations":[{"line":2,"column":25},{"line":4,"column":31}]},{"message":"Interface field I.c expects type Int but U.c is type Float.","locations":[{"line":2,"column":31},{"line":4,"column":36}]}])JSON"},
    {"UnionMembers",
     R"SDL(type Query { a: Int }
union U = A | A | I | S
type A { a: Int }
interface I { a: Int }
scalar S
extend union U = A)SDL",
     R"JSON([{"message":"Union type U can only include type A once.","locations":[{"line":2,"column":11},{"line":2,"column":15},{"line":6,"column":18}]},{"message":"Union type U can only include Object types, it cannot include I.","locations":[{"line":2,"column":19}]},{"message":"Union type U can only include Object types, it cannot include S.","locations":[{"line":2,"column":23}]},{"message":"Union type U can only include type A once.","locations":[{"line":2,"column":11},{"line":2,"column":15},{"line":6,"column":18}]}])JSON"},
    {"InputObjectNonNullCycles",
     R"SDL(type Query { a: Int }
input A { b: B! c: A }
input B { a: A! d: D! }
input D { d2: D! e: [A!]! }
input X { x: X! })SDL",
     R"JSON([{"message":"Cannot reference Input Object \"A\" within itself through a series of non-null fields: \"b.a\".","locations":[{"line":2,"column":11},{"line":3,"column":11}]},{"message":"Cannot reference Input Object \"D\" within itself through a series of non-null fields: \"d2\".","locations":[{"line":4,"column":11}]},{"message":"Cannot reference Input Object \"X\" within itself through a series of non-null fields: \"x\".","locations":[{"line":5,"column":11}]}])JSON"},
    {"RequiredArgumentsAndInputFieldsCannotBeDeprecated",
     R"SDL(type Query { a(x: Int! @deprecated, y: Int! = 1 @deprecated): Int }
input I { a: Int! @deprecated b: Int! = 2 @deprecated(reason: "r") }
directive @d(a: Int! @deprecated) on FIELD)SDL",
     R"JSON([{"message":"Required argument @d(a:) cannot be deprecated.","locations":[{"line":3,"column":22},{"line":3,"column":17}]},{"message":"Required argument Query.a(x:) cannot be deprecated.","locations":[{"line":1,"column":24},{"line":1,"column":19}]},{"message":"Required input field I.a cannot be deprecated.","locations":[{"line":2,"column":19},{"line":2,"column":14}]}])JSON"},
    {"OneOfInputFields",
     R"SDL(type Query { a: Int }
input O @oneOf { a: Int! b: Int = 3 c: String })SDL",
     R"JSON([{"message":"OneOf input field O.a must be nullable.","locations":[{"line":2,"column":21}]},{"message":"OneOf input field O.b cannot have a default value.","locations":[{"line":2,"column":26}]}])JSON"},
    {"DeprecatedReasonMustBeString",
     R"SDL(type Query { a: Int @deprecated(reason: 1) })SDL",
     R"JSON([{"message":"Argument \"reason\" has invalid value 1.","locations":[{"line":1,"column":41}]}])JSON"},
    {"SpecifiedByUrlMustNotBeNull",
     R"SDL(type Query { a: Int }
scalar S @specifiedBy(url: null))SDL",
     R"JSON([{"message":"Argument \"url\" of non-null type \"String!\" must not be null.","locations":[{"line":2,"column":28}]}])JSON"},
    {"SpecifiedByUrlMustBeString",
     R"SDL(type Query { a: Int }
scalar S @specifiedBy(url: 3))SDL",
     R"JSON([{"message":"Argument \"url\" has invalid value 3.","locations":[{"line":2,"column":28}]}])JSON"},
    {"SyntaxErrorsAreReported",
     R"SDL(type Query { a: Int }
directive @d on NOPE)SDL",
     R"JSON([{"message":"Syntax Error: Unexpected Name \"NOPE\".","locations":[{"line":2,"column":17}]}])JSON"},
    {"SchemaExtensionDirectiveLocation",
     R"SDL(type Query { a: Int }
extend schema @skip { query: Query })SDL",
     R"JSON([{"message":"Directive \"@skip\" may not be used on SCHEMA.","locations":[{"line":2,"column":15}]},{"message":"Directive \"@skip\" argument \"if\" of type \"Boolean!\" is required, but it was not provided.","locations":[{"line":2,"column":15}]}])JSON"},
};

}  // namespace

TEST(SchemaErrors, GQL_4_EachSDLRuleAndSchemaCheckMatchesGraphqlJs) {
  for (const auto& c : kErrorCases) {
    SCOPED_TRACE(c.requirement);
    std::vector<GraphQLError> errors;
    auto schema = Schema::fromSDL(c.sdl, &errors);
    EXPECT_FALSE(schema);
    EXPECT_EQ(errorsJson(errors), c.expected);
  }
}

TEST(SchemaErrors, GQL_4_NullErrorsPointerIsAllowed) {
  EXPECT_FALSE(Schema::fromSDL("type Foo { a: Int }", nullptr));
}

TEST(SchemaErrors, GQL_4_AssumeValidSkipsSDLRulesButNotSchemaChecks) {
  SchemaBuildOptions opts;
  opts.assumeValid = true;
  std::vector<GraphQLError> errors;
  // Duplicate type definitions: the later replaces the earlier in place.
  auto s = Schema::fromSDL("type Query { a: Int } type Query { b: String }", &errors, opts);
  ASSERT_TRUE(s) << errorsJson(errors);
  EXPECT_TRUE(s->queryType()->findField("b"));
  EXPECT_FALSE(s->queryType()->findField("a"));
  // An unknown type cannot be built: graphql-js's message, not a crash.
  EXPECT_FALSE(Schema::fromSDL("type Query { a: Nope }", &errors, opts));
  EXPECT_EQ(errorsJson(errors), R"([{"message":"Unknown type: \"Nope\".","locations":[{"line":1,"column":17}]}])");
}

// ---- Building ----------------------------------------------------------------

TEST(SchemaBuild, GQL_4_TypeMapOrderEqualsGraphqlJs) {
  auto s = build(R"(type Subscription { s: Int }
type Mutation { m: Int }
type Query { q(i: I): Query m: Mutation u: U e: E s: S }
union U = Z
type Z { z: Int }
enum E { A }
input I { j: J }
input J { k: Int f: Float }
scalar S
type Unused { id: ID b: Boolean })");
  EXPECT_EQ(typeNames(*s),
            "Subscription Int Mutation Query U Z E I J Float S Unused ID Boolean String __Schema __Type __TypeKind "
            "__Field __InputValue __EnumValue __Directive __DirectiveLocation");

  auto s2 = build(R"(scalar Int
scalar String
type Query { a: Int b: __Type c: Float }
directive @include(if: Boolean! = true) on FIELD)");
  EXPECT_EQ(typeNames(*s2),
            "Int String Query __Type __TypeKind __Field __InputValue Boolean __EnumValue Float __Schema __Directive "
            "__DirectiveLocation");

  auto s3 = build(R"(type Query { a(x: In): Out }
interface Out implements Base { id: ID }
interface Base { id: ID }
type Impl implements Out & Base { id: ID f: Float }
input In { n: [Nested!] }
input Nested { b: Boolean })");
  EXPECT_EQ(typeNames(*s3),
            "Query Out ID Base Impl Float In Nested Boolean String __Schema __Type __TypeKind __Field __InputValue "
            "__EnumValue __Directive __DirectiveLocation");
}

TEST(SchemaBuild, GQL_4_EveryTypeKindWithDescriptionsAndExtensions) {
  auto s = build(R"(
"""
  The root
    indented
"""
type Query implements Node {
  "the id"
  id: ID!
  shape(kind: Kind = CIRCLE, "size arg" size: Float = 2): Shape
  items(first: Int = 10, filter: Filter): [Item!]!
}
interface Node { id: ID! }
union Shape = Circle | Square
type Circle { r: Float }
type Square { side: Float }
enum Kind { CIRCLE SQUARE @deprecated TRIANGLE @deprecated(reason: "no corners left") }
input Filter { text: String = "x" old: Int @deprecated tags: [String!] }
scalar Date
type Item { name: String }
extend type Item { price: Float @deprecated(reason: null) }
extend union Shape = Item
extend enum Kind { HEXAGON }
extend input Filter { limit: Int }
extend interface Node { label: String }
extend type Query { label: String }
extend scalar Date @specifiedBy(url: "https://example.com/v2")
)");
  ASSERT_TRUE(s);
  const ObjectType* q = s->queryType();
  ASSERT_TRUE(q);
  EXPECT_EQ(q->description, "The root\n  indented");
  ASSERT_EQ(q->fields.size(), 4u);
  EXPECT_EQ(q->fields[0].description, "the id");
  EXPECT_EQ(q->fields[0].type->toString(), "ID!");
  EXPECT_EQ(q->fields[3].name, "label");  // from the extension, after the definition's fields
  ASSERT_EQ(q->interfaces.size(), 1u);
  EXPECT_EQ(q->interfaces[0]->name, "Node");
  const FieldDef* shape = q->findField("shape");
  ASSERT_TRUE(shape && shape->args.size() == 2);
  EXPECT_EQ(shape->args[0].defaultValue, Value("CIRCLE"));
  EXPECT_EQ(shape->args[1].description, "size arg");
  EXPECT_EQ(shape->args[1].defaultValue->asNumber(), 2.0);
  ASSERT_TRUE(shape->args[1].defaultLiteral);
  EXPECT_EQ(printValueNode(*shape->args[1].defaultLiteral), "2");
  EXPECT_EQ(q->findField("items")->type->toString(), "[Item!]!");

  const auto& node = s->getType("Node")->as<InterfaceType>();
  EXPECT_EQ(node.fields.size(), 2u);
  const auto& shapeUnion = s->getType("Shape")->as<UnionType>();
  ASSERT_EQ(shapeUnion.types.size(), 3u);
  EXPECT_EQ(shapeUnion.types[2]->name, "Item");
  EXPECT_EQ(shapeUnion.extensionAstNodes.size(), 1u);

  const auto& kind = s->getType("Kind")->as<EnumType>();
  ASSERT_EQ(kind.values.size(), 4u);
  EXPECT_FALSE(kind.values[0].deprecationReason);
  EXPECT_EQ(kind.values[1].deprecationReason, "No longer supported");  // the default reason
  EXPECT_EQ(kind.values[2].deprecationReason, "no corners left");
  EXPECT_EQ(kind.values[3].name, "HEXAGON");
  EXPECT_TRUE(kind.findValue("SQUARE"));

  const auto& filter = s->getType("Filter")->as<InputObjectType>();
  ASSERT_EQ(filter.fields.size(), 4u);
  EXPECT_EQ(filter.fields[0].defaultValue, Value("x"));
  EXPECT_EQ(filter.fields[1].deprecationReason, "No longer supported");
  EXPECT_FALSE(filter.fields[2].defaultValue);
  EXPECT_EQ(filter.fields[3].name, "limit");
  EXPECT_FALSE(filter.isOneOf);

  const auto& date = s->getType("Date")->as<ScalarType>();
  // graphql-js ignores @specifiedBy on an extension in the same document.
  EXPECT_EQ(date.specifiedByURL, std::nullopt);
  EXPECT_EQ(s->getType("Item")->as<ObjectType>().findField("price")->deprecationReason, std::nullopt);

  // Unreferenced standard scalars stay out of the type map, as in graphql-js.
  EXPECT_TRUE(s->getType("Float"));
  EXPECT_FALSE(s->getType("Nope"));
  EXPECT_EQ(s->intType().name, "Int");
}

TEST(SchemaBuild, GQL_4_RootTypesBySchemaDefinitionOrDefaultNames) {
  auto s = build("type Query { a: Int } type Mutation { b: Int } type Subscription { c: Int }");
  EXPECT_EQ(s->queryType()->name, "Query");
  EXPECT_EQ(s->mutationType()->name, "Mutation");
  EXPECT_EQ(s->subscriptionType()->name, "Subscription");
  EXPECT_EQ(s->rootType(ast::OperationType::Mutation), s->mutationType());
  EXPECT_FALSE(s->description());

  // With a schema definition the names do not matter, and a Mutation type
  // that is not listed is not the mutation root.
  auto s2 = build(R"("the schema" schema { query: Root } type Root { a: Int } type Mutation { b: Int })");
  EXPECT_EQ(s2->queryType()->name, "Root");
  EXPECT_FALSE(s2->mutationType());
  EXPECT_EQ(s2->description(), "the schema");

  auto s3 = build("schema { query: Q } extend schema { mutation: M } type Q { a: Int } type M { b: Int }");
  EXPECT_EQ(s3->mutationType()->name, "M");
}

TEST(SchemaBuild, GQL_4_DirectivesInGraphqlJsOrderWithSDLDirectivesFirst) {
  auto s = build(R"(type Query { a: Int }
"custom" directive @auth(role: String = "admin") repeatable on FIELD_DEFINITION | OBJECT
directive @skip(if: Boolean!) on FIELD)");
  std::vector<std::string> names;
  for (const DirectiveDef* d : s->directives()) names.push_back(d->name);
  EXPECT_EQ(names, (std::vector<std::string>{"auth", "skip", "include", "deprecated", "specifiedBy", "oneOf"}));
  const DirectiveDef* auth = s->getDirective("auth");
  ASSERT_TRUE(auth);
  EXPECT_TRUE(auth->repeatable);
  EXPECT_EQ(auth->description, "custom");
  EXPECT_EQ(auth->locations, (std::vector<DirectiveLocation>{DirectiveLocation::FIELD_DEFINITION, DirectiveLocation::OBJECT}));
  EXPECT_EQ(auth->findArg("role")->defaultValue, Value("admin"));
  const DirectiveDef* deprecated = s->getDirective("deprecated");
  EXPECT_EQ(deprecated->findArg("reason")->defaultValue, Value("No longer supported"));
  EXPECT_EQ(deprecated->locations.back(), DirectiveLocation::DIRECTIVE_DEFINITION);
  EXPECT_EQ(s->getDirective("include")->args[0].type->toString(), "Boolean!");
  EXPECT_EQ(directiveLocationName(DirectiveLocation::INPUT_FIELD_DEFINITION), "INPUT_FIELD_DEFINITION");
  EXPECT_EQ(directiveLocationFromName("ENUM_VALUE"), DirectiveLocation::ENUM_VALUE);
  EXPECT_FALSE(directiveLocationFromName("NOPE"));
}

TEST(SchemaBuild, GQL_4_OneOfInputObjects) {
  auto s = build("type Query { a(x: O): Int } input O @oneOf { a: Int b: String }");
  EXPECT_TRUE(s->getType("O")->as<InputObjectType>().isOneOf);
}

TEST(SchemaBuild, GQL_4_DefaultValuesAreCoercedIncludingNestedInputDefaults) {
  auto s = build(R"(type Query { a(x: In = {a: 1}, l: [Int] = 3, bad: Int = "x"): Int }
input In { a: Int b: String = "dflt" n: Nested = {} }
input Nested { c: Float = 1.5 })");
  const FieldDef* a = s->queryType()->findField("a");
  ASSERT_TRUE(a->args[0].defaultValue);
  EXPECT_EQ(toJson(*a->args[0].defaultValue), R"({"a":1,"b":"dflt","n":{"c":1.5}})");
  EXPECT_EQ(toJson(*a->args[1].defaultValue), "[3]");
  EXPECT_FALSE(a->args[2].defaultValue);  // invalid default: undefined, as in graphql-js
}

// ---- Type helpers ------------------------------------------------------------

TEST(SchemaTypes, WrapperInterningToStringAndTypeFromAST) {
  auto s = build("type Query { a: [Int!]! b: [Int!] }");
  const Type* a = s->queryType()->findField("a")->type;
  const Type* b = s->queryType()->findField("b")->type;
  EXPECT_EQ(a->toString(), "[Int!]!");
  EXPECT_EQ(&a->nullableType(), b);  // interned: same pointer
  EXPECT_EQ(a->namedType().name, "Int");
  EXPECT_EQ(s->listOf(s->nonNullOf(&s->intType())), b);
  const Schema& cs = *s;
  EXPECT_EQ(cs.nonNullOf(b), a);

  auto doc = parse("query($v: [Int!]!, $w: Nope) { a }");
  ASSERT_TRUE(doc.document);
  const auto& op = doc.document->definitions[0]->as<ast::OperationDefinition>();
  EXPECT_EQ(s->typeFromAST(*op.variableDefinitions[0]->type), a);
  EXPECT_EQ(s->typeFromAST(*op.variableDefinitions[1]->type), nullptr);

  EXPECT_TRUE(a->isInputType());
  EXPECT_TRUE(a->isOutputType());
  EXPECT_FALSE(s->queryType()->isInputType());
  EXPECT_EQ(typeKindName(TypeKind::InputObject), "INPUT_OBJECT");
  EXPECT_EQ(typeKindName(TypeKind::NonNull), "NON_NULL");
}

TEST(SchemaTypes, ConstWrapperInterningIsThreadSafe) {
  auto s = build("type Query { a: Int }");
  const Schema& cs = *s;
  std::vector<const Type*> results(8);
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i)
    threads.emplace_back([&, i] {
      const Type* t = nullptr;
      for (int j = 0; j < 200; ++j) t = cs.listOf(cs.nonNullOf(cs.listOf(&cs.stringType())));
      results[static_cast<std::size_t>(i)] = t;
    });
  for (auto& t : threads) t.join();
  for (const Type* t : results) EXPECT_EQ(t, results[0]);
  EXPECT_EQ(results[0]->toString(), "[[String]!]");
}

TEST(SchemaTypes, SubtypingOverlapAndPossibleTypes) {
  auto s = build(R"(type Query { n: Node }
interface Node { id: ID }
interface Named implements Node { id: ID name: String }
type A implements Node & Named { id: ID name: String }
type B implements Node { id: ID }
type C { x: Int }
union AB = A | B
union OnlyC = C)");
  const auto& node = s->getType("Node")->as<InterfaceType>();
  const auto& named = s->getType("Named")->as<InterfaceType>();
  const auto& a = s->getType("A")->as<ObjectType>();
  const auto& b = s->getType("B")->as<ObjectType>();
  const auto& c = s->getType("C")->as<ObjectType>();
  const auto& ab = *s->getType("AB");
  const auto& onlyC = *s->getType("OnlyC");

  ASSERT_EQ(s->possibleTypes(node).size(), 2u);
  EXPECT_EQ(s->possibleTypes(node)[0], &a);
  EXPECT_EQ(s->possibleTypes(ab).size(), 2u);
  ASSERT_EQ(s->implementingInterfaces(node).size(), 1u);
  EXPECT_EQ(s->implementingInterfaces(node)[0], &named);
  EXPECT_TRUE(s->possibleTypes(c).empty());

  EXPECT_TRUE(s->isSubType(node, a));
  EXPECT_TRUE(s->isSubType(node, named));
  EXPECT_FALSE(s->isSubType(named, b));
  EXPECT_TRUE(s->isPossibleType(ab, b));
  EXPECT_FALSE(s->isPossibleType(ab, c));

  EXPECT_TRUE(s->doTypesOverlap(node, ab));
  EXPECT_TRUE(s->doTypesOverlap(a, named));
  EXPECT_TRUE(s->doTypesOverlap(named, a));
  EXPECT_FALSE(s->doTypesOverlap(onlyC, node));
  EXPECT_FALSE(s->doTypesOverlap(a, b));
  EXPECT_TRUE(s->doTypesOverlap(c, c));

  const Type* listA = s->listOf(&a);
  const Type* listNode = s->listOf(&node);
  EXPECT_TRUE(s->isTypeSubTypeOf(*s->nonNullOf(listA), *listNode));
  EXPECT_TRUE(s->isTypeSubTypeOf(*s->listOf(s->nonNullOf(&a)), *listNode));
  EXPECT_FALSE(s->isTypeSubTypeOf(*listNode, *listA));
  EXPECT_FALSE(s->isTypeSubTypeOf(*listA, *s->nonNullOf(listNode)));
  EXPECT_FALSE(s->isTypeSubTypeOf(a, *listNode));
  EXPECT_FALSE(s->isTypeSubTypeOf(*listA, node));
  EXPECT_TRUE(Schema::isEqualType(*s->listOf(s->nonNullOf(&a)), *s->listOf(s->nonNullOf(&a))));
  EXPECT_FALSE(Schema::isEqualType(*listA, *s->nonNullOf(listA)));
}

// ---- Binding -------------------------------------------------------------------

TEST(SchemaBind, GQL_5_ErrorsNameTheTypeAndField) {
  auto s = build("type Query { a: Int } interface I { x: Int } union U = Query scalar S enum E { V }");
  std::string error;
  auto r = [](const Value&, const Value&, const ResolveInfo&) { return Value(1); };
  EXPECT_TRUE(s->bindResolver("Query", "a", r, &error));
  EXPECT_TRUE(s->queryType()->findField("a")->resolver);
  EXPECT_FALSE(s->bindResolver("Query", "bar", r, &error));
  EXPECT_EQ(error, "Cannot bind resolver: type \"Query\" has no field \"bar\"");
  EXPECT_FALSE(s->bindResolver("Foo", "bar", r, &error));
  EXPECT_EQ(error, "Cannot bind resolver: unknown type \"Foo\"");
  EXPECT_FALSE(s->bindResolver("E", "V", r, &error));
  EXPECT_EQ(error, "Cannot bind resolver: type \"E\" is not an object or interface type");
  EXPECT_FALSE(s->bindResolver("Query", "nope", r));  // a null error pointer is fine

  auto tr = [](const Value&, const ResolveInfo&) { return std::string("Query"); };
  EXPECT_TRUE(s->bindTypeResolver("I", tr, &error));
  EXPECT_TRUE(s->bindTypeResolver("U", tr, &error));
  EXPECT_FALSE(s->bindTypeResolver("Query", tr, &error));
  EXPECT_EQ(error, "Cannot bind type resolver: type \"Query\" is not an interface or union type");
  EXPECT_FALSE(s->bindTypeResolver("Nope", tr, &error));
  EXPECT_EQ(error, "Cannot bind type resolver: unknown type \"Nope\"");

  EXPECT_TRUE(s->bindScalar("S", [](const Value& v) { return Value(inspect(v)); }, nullptr, nullptr, &error));
  EXPECT_EQ(s->getType("S")->as<ScalarType>().serialize(Value(3)), Value("3"));
  EXPECT_EQ(s->getType("S")->as<ScalarType>().parseValue(Value(3)), Value(3));  // default kept
  EXPECT_FALSE(s->bindScalar("Query", nullptr, nullptr, nullptr, &error));
  EXPECT_EQ(error, "Cannot bind scalar: type \"Query\" is not a scalar type");
  EXPECT_FALSE(s->bindScalar("Nope", nullptr, nullptr, nullptr, &error));
  EXPECT_EQ(error, "Cannot bind scalar: unknown type \"Nope\"");
}

// ---- Scalars ---------------------------------------------------------------------

namespace {

// The message of the FieldError `f` throws, or "" when it does not throw.
template <class F> std::string thrown(F&& f) {
  try {
    f();
  } catch (const FieldError& e) {
    return e.what();
  }
  return "";
}

Value literal(const ScalarType& t, const std::string& text) {
  // The literal as an argument of a parsed query.
  auto q = parse("{ f(a: " + text + ") }");
  EXPECT_TRUE(q.document) << text;
  const auto& op = q.document->definitions[0]->as<ast::OperationDefinition>();
  const auto& field = op.selectionSet->selections[0]->as<ast::Field>();
  return t.parseLiteral(*field.arguments[0]->value, nullptr);
}

std::string literalError(const ScalarType& t, const std::string& text) {
  return thrown([&] { literal(t, text); });
}

}  // namespace

TEST(Scalars, IntCoercionAndMessages) {
  auto s = build("type Query { a: Int }");
  const ScalarType& i = s->intType();
  EXPECT_EQ(i.serialize(Value(5)), Value(5));
  EXPECT_EQ(i.serialize(Value(true)), Value(1));
  EXPECT_EQ(i.serialize(Value(3.0)), Value(3));
  EXPECT_EQ(i.serialize(Value("12")), Value(12));
  EXPECT_EQ(thrown([&] { i.serialize(Value(1.5)); }), "Int cannot represent non-integer value: 1.5");
  EXPECT_EQ(thrown([&] { i.serialize(Value(3000000000LL)); }),
            "Int cannot represent non 32-bit signed integer value: 3000000000");
  EXPECT_EQ(thrown([&] { i.serialize(Value(3e9)); }), "Int cannot represent non 32-bit signed integer value: 3000000000");
  EXPECT_EQ(thrown([&] { i.serialize(Value("abc")); }), "Int cannot represent non-integer value: \"abc\"");
  EXPECT_EQ(thrown([&] { i.serialize(Value("")); }), "Int cannot represent non-integer value: \"\"");
  EXPECT_EQ(thrown([&] { i.serialize(Value::list({1})); }), "Int cannot represent non-integer value: [1]");
  EXPECT_EQ(i.parseValue(Value(7)), Value(7));
  EXPECT_EQ(i.parseValue(Value(7.0)), Value(7));
  EXPECT_EQ(thrown([&] { i.parseValue(Value("7")); }), "Int cannot represent non-integer value: \"7\"");
  EXPECT_EQ(thrown([&] { i.parseValue(Value(true)); }), "Int cannot represent non-integer value: true");
  EXPECT_EQ(thrown([&] { i.parseValue(Value(2147483648LL)); }),
            "Int cannot represent non 32-bit signed integer value: 2147483648");
  EXPECT_EQ(literal(i, "-12"), Value(-12));
  EXPECT_EQ(literalError(i, "1.5"), "Int cannot represent non-integer value: 1.5");
  EXPECT_EQ(literalError(i, "\"1\""), "Int cannot represent non-integer value: \"1\"");
  EXPECT_EQ(literalError(i, "99999999999999999999"),
            "Int cannot represent non 32-bit signed integer value: 99999999999999999999");
}

TEST(Scalars, FloatCoercionAndMessages) {
  auto s = build("type Query { a: Float }");
  const ScalarType& f = s->floatType();
  EXPECT_EQ(f.serialize(Value(1.5)), Value(1.5));
  EXPECT_EQ(f.serialize(Value(2)), Value(2));
  EXPECT_EQ(f.serialize(Value(false)), Value(0.0));
  EXPECT_EQ(f.serialize(Value(" 2.5 ")), Value(2.5));
  EXPECT_EQ(thrown([&] { f.serialize(Value("x")); }), "Float cannot represent non numeric value: \"x\"");
  EXPECT_EQ(thrown([&] { f.serialize(Value::object({{"a", 1}})); }),
            "Float cannot represent non numeric value: { a: 1 }");
  EXPECT_EQ(thrown([&] { f.parseValue(Value("1")); }), "Float cannot represent non numeric value: \"1\"");
  EXPECT_EQ(literal(f, "1e3").asNumber(), 1000.0);
  EXPECT_EQ(literal(f, "4").asNumber(), 4.0);
  EXPECT_EQ(literalError(f, "true"), "Float cannot represent non numeric value: true");
}

TEST(Scalars, StringBooleanIDCoercionAndMessages) {
  auto s = build("type Query { a: String }");
  const ScalarType& str = s->stringType();
  EXPECT_EQ(str.serialize(Value(true)), Value("true"));
  EXPECT_EQ(str.serialize(Value(1.5)), Value("1.5"));
  EXPECT_EQ(str.serialize(Value(1e21)), Value("1e+21"));
  EXPECT_EQ(thrown([&] { str.serialize(Value::list()); }), "String cannot represent value: []");
  EXPECT_EQ(thrown([&] { str.parseValue(Value(1)); }), "String cannot represent a non string value: 1");
  EXPECT_EQ(literal(str, "\"hi\""), Value("hi"));
  EXPECT_EQ(literalError(str, "ENUM"), "String cannot represent a non string value: ENUM");

  const ScalarType& b = s->booleanType();
  EXPECT_EQ(b.serialize(Value(0)), Value(false));
  EXPECT_EQ(b.serialize(Value(2.5)), Value(true));
  EXPECT_EQ(thrown([&] { b.serialize(Value("true")); }), "Boolean cannot represent a non boolean value: \"true\"");
  EXPECT_EQ(thrown([&] { b.parseValue(Value(1)); }), "Boolean cannot represent a non boolean value: 1");
  EXPECT_EQ(literal(b, "false"), Value(false));
  EXPECT_EQ(literalError(b, "1"), "Boolean cannot represent a non boolean value: 1");

  const ScalarType& id = s->idType();
  EXPECT_EQ(id.serialize(Value(42)), Value("42"));
  EXPECT_EQ(id.serialize(Value("a")), Value("a"));
  EXPECT_EQ(thrown([&] { id.serialize(Value(1.5)); }), "ID cannot represent value: 1.5");
  EXPECT_EQ(id.parseValue(Value(7)), Value("7"));
  EXPECT_EQ(thrown([&] { id.parseValue(Value(true)); }), "ID cannot represent value: true");
  EXPECT_EQ(literal(id, "12"), Value("12"));
  EXPECT_EQ(literal(id, "\"x\""), Value("x"));
  EXPECT_EQ(literalError(id, "1.5"), "ID cannot represent a non-string and non-integer value: 1.5");
}

TEST(Scalars, CustomScalarsDefaultToIdentityAndUntypedLiterals) {
  auto s = build("type Query { a: JSON } scalar JSON");
  const auto& json = s->getType("JSON")->as<ScalarType>();
  const Value obj = Value::object({{"a", Value::list({1, "x"})}});
  EXPECT_EQ(json.serialize(obj), obj);
  EXPECT_EQ(json.parseValue(obj), obj);
  EXPECT_EQ(toJson(literal(json, "{a: [1, \"x\"], b: null}")), R"({"a":[1,"x"],"b":null})");
}

// ---- inspect -----------------------------------------------------------------------

TEST(Inspect, MatchesGraphqlJsFormatting) {
  Value v = Value::object({{"a", Value::object({{"b", Value::object({{"c", 1}})}})},
                           {"l", Value::list({1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})},
                           {"e", Value::object()},
                           {"s", "x\"y"},
                           {"n", nullptr},
                           {"f", 1.5},
                           {"big", 1e21},
                           {"small", 1e-7},
                           {"t", true}});
  EXPECT_EQ(inspect(v),
            "{ a: { b: [Object] }, l: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, ... 2 more items], e: {}, s: \"x\\\"y\", n: "
            "null, f: 1.5, big: 1e+21, small: 1e-7, t: true }");
  EXPECT_EQ(inspect(Value::list({Value::list({Value::list({1})}), Value::list({Value::list()}), Value::list()})),
            "[[[Array]], [[]], []]");
  EXPECT_EQ(inspect(Value::list({1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11})), "[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, ... 1 more item]");
  EXPECT_EQ(jsNumberToString(0.1 + 0.2), "0.30000000000000004");
  EXPECT_EQ(jsNumberToString(-0.0), "0");
  EXPECT_EQ(jsNumberToString(123456789012345678.0), "123456789012345680");
  EXPECT_EQ(jsStringToNumber("  0x1F "), 31.0);
  EXPECT_EQ(jsStringToNumber("1e3"), 1000.0);
  EXPECT_EQ(jsStringToNumber(".5"), 0.5);
  EXPECT_FALSE(jsStringToNumber("1e"));
  EXPECT_FALSE(jsStringToNumber("inf"));
  EXPECT_FALSE(jsStringToNumber("0x"));
  EXPECT_EQ(jsStringToNumber("-Infinity"), -std::numeric_limits<double>::infinity());
}

// ---- Robustness --------------------------------------------------------------------

TEST(SchemaRobustness, LongTypeChainsNeitherOverflowTheStackNorFail) {
  // 10000 object types each referencing the next (within the parser's token
  // limit), and a non-null input cycle through 5000 input types: type
  // collection and cycle detection are iterative.
  std::string sdl = "type Query { t0: T0 i: Int }\n";
  const int n = 10000;
  for (int i = 0; i < n; ++i) sdl += "type T" + std::to_string(i) + " { next: T" + std::to_string((i + 1) % n) + " }\n";
  auto s = build(sdl);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->types().size(), static_cast<std::size_t>(n) + 1 + 1 + 8 + 2);  // + Query, Int, introspection, String, Boolean

  std::string inputs = "type Query { a(x: I0): Int }\n";
  const int m = 5000;
  for (int i = 0; i < m; ++i) inputs += "input I" + std::to_string(i) + " { next: I" + std::to_string((i + 1) % m) + "! }\n";
  std::vector<GraphQLError> errors;
  EXPECT_FALSE(Schema::fromSDL(inputs, &errors));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].message.rfind("Cannot reference Input Object \"I0\" within itself through a series of non-null "
                                    "fields: \"next.next.",
                                    0),
            0u);
  EXPECT_EQ(errors[0].locations.size(), static_cast<std::size_t>(m));
}

TEST(SchemaRobustness, GarbageInputGivesErrorsNotCrashes) {
  for (const char* sdl : {"", "}", "type", "type Query {", "extend", "schema {}", "directive @d on", "\"\"\"",
                          "type Query { a(: Int }", "enum E { true }", "query { a }"}) {
    std::vector<GraphQLError> errors;
    auto s = Schema::fromSDL(sdl, &errors);
    EXPECT_FALSE(s) << sdl;
    EXPECT_FALSE(errors.empty()) << sdl;
  }
}
