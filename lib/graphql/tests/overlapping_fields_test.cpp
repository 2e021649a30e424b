// OverlappingFieldsCanBeMerged (spec 5.3.2): the rule must report exactly what
// graphql-js 16.15's OverlappingFieldsCanBeMergedRule reports: same messages,
// same order, same locations, and stop ("Validation aborted.") where it stops.
//
// The table below is generated from graphql-js itself (the oracle):
//   node lib/graphql/tests/overlapping_fields_oracle.js            (cases)
//   node lib/graphql/tests/overlapping_fields_oracle.js --schemas  (schemas)
// The cases are graphql-js's own tests for this rule plus ours for the 16.15
// details (argument comparison, budget, abbreviation, location caps).
//
// The checker is driven here the way the validator drives it: every
// selection set in document order, with the parent type TypeInfo would give.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "../src/overlapping_fields.h"
#include "graphql/parser.h"
#include "graphql/schema.h"

namespace {

using kubos::graphql::GraphQLError;
using kubos::graphql::NamedTypeDef;
using kubos::graphql::Schema;
using kubos::graphql::SourceLocation;
using kubos::graphql::detail::OverlappingFieldsChecker;
namespace ast = kubos::graphql::ast;

const char* const kPets = R"(
interface Mammal { mother: Mammal father: Mammal }
interface Pet { name(surname: Boolean): String }
interface Canine implements Mammal { name(surname: Boolean): String mother: Canine father: Canine }
enum DogCommand { SIT HEEL DOWN }
type Dog implements Pet & Mammal & Canine {
  name(surname: Boolean): String nickname: String barkVolume: Int barks: Boolean
  doesKnowCommand(dogCommand: DogCommand): Boolean
  isHouseTrained(atOtherHomes: Boolean = true): Boolean
  isAtLocation(x: Int, y: Int): Boolean mother: Dog father: Dog
}
type Cat implements Pet { name(surname: Boolean): String nickname: String meows: Boolean meowsVolume: Int }
union CatOrDog = Cat | Dog
type Human { name(surname: Boolean): String pets: [Pet] relatives: [Human] }
input ComplexInput { a: String b: String }
type Query {
  human(id: ID): Human dog: Dog cat: Cat pet: Pet catOrDog: CatOrDog
  someField(a: String, b: String, arg: ComplexInput, list: [String]): String
}
)";
const char* const kBoxes = R"(
interface SomeBox { deepBox: SomeBox unrelatedField: String }
type StringBox implements SomeBox {
  scalar: String deepBox: StringBox unrelatedField: String
  listStringBox: [StringBox] stringBox: StringBox intBox: IntBox
}
type IntBox implements SomeBox {
  scalar: Int deepBox: IntBox unrelatedField: String
  listStringBox: [StringBox] stringBox: StringBox intBox: IntBox
}
interface NonNullStringBox1 { scalar: String! }
type NonNullStringBox1Impl implements SomeBox & NonNullStringBox1 { scalar: String! unrelatedField: String deepBox: SomeBox }
interface NonNullStringBox2 { scalar: String! }
type NonNullStringBox2Impl implements SomeBox & NonNullStringBox2 { scalar: String! unrelatedField: String deepBox: SomeBox }
type Connection { edges: [Edge] }
type Edge { node: Node }
type Node { id: ID name: String }
type Query { someBox: SomeBox connection: Connection }
)";
const char* const kKeywords = R"(type Foo { constructor: String } type Query { foo: Foo })";

std::shared_ptr<Schema> buildSchema(const char* sdl) {
  std::vector<GraphQLError> errors;
  auto schema = Schema::fromSDL(sdl, &errors);
  EXPECT_TRUE(schema) << (errors.empty() ? std::string("no error") : errors.front().message);
  return schema;
}

const Schema& schemaFor(const char* sdl) {
  // Built once per SDL: building is not what is under test.
  static std::vector<std::pair<const char*, std::shared_ptr<Schema>>> cache;
  for (auto& [key, schema] : cache) {
    if (key == sdl) return *schema;
  }
  cache.emplace_back(sdl, buildSchema(sdl));
  return *cache.back().second;
}

// A small TypeInfo: the parent type graphql-js's TypeInfo gives each
// selection set (composite named type of the field / fragment, else null).
class Walker {
 public:
  Walker(const Schema& schema, OverlappingFieldsChecker& checker, std::vector<GraphQLError>& out)
      : schema_(schema), checker_(checker), out_(out) {}

  void document(const ast::Document& doc) {
    for (const auto& def : doc.definitions) {
      if (def->kind == ast::Kind::OperationDefinition) {
        const auto& op = def->as<ast::OperationDefinition>();
        selectionSet(*op.selectionSet, schema_.rootType(op.operation));
      } else if (def->kind == ast::Kind::FragmentDefinition) {
        const auto& frag = def->as<ast::FragmentDefinition>();
        selectionSet(*frag.selectionSet, composite(schema_.typeFromAST(*frag.typeCondition)));
      }
    }
  }

 private:
  const NamedTypeDef* composite(const kubos::graphql::Type* t) const {
    if (t == nullptr) return nullptr;
    const NamedTypeDef& named = t->namedType();
    return named.isComposite() ? &named : nullptr;
  }

  const kubos::graphql::Type* fieldType(const NamedTypeDef* parent, std::string_view name) const {
    if (parent == nullptr) return nullptr;
    if (parent == schema_.queryType() && name == "__schema") return schema_.schemaMetaField().type;
    if (parent == schema_.queryType() && name == "__type") return schema_.typeMetaField().type;
    if (name == "__typename") return schema_.typenameMetaField().type;
    if (parent->kind == kubos::graphql::TypeKind::Object || parent->kind == kubos::graphql::TypeKind::Interface) {
      const kubos::graphql::FieldDef* def = parent->as<kubos::graphql::FieldsType>().findField(name);
      return def != nullptr ? def->type : nullptr;
    }
    return nullptr;
  }

  // Recursion is fine here: test documents are shallow.
  void selectionSet(const ast::SelectionSet& set, const NamedTypeDef* parent) {
    if (checker_.aborted()) return;  // graphql-js stops validating
    checker_.checkSelectionSet(set, parent, out_);
    for (const auto& sel : set.selections) {
      if (sel->kind == ast::Kind::Field) {
        const auto& field = sel->as<ast::Field>();
        if (field.selectionSet) selectionSet(*field.selectionSet, composite(fieldType(parent, field.name.value)));
      } else if (sel->kind == ast::Kind::InlineFragment) {
        const auto& inl = sel->as<ast::InlineFragment>();
        const kubos::graphql::Type* t = inl.typeCondition ? schema_.typeFromAST(*inl.typeCondition) : parent;
        selectionSet(*inl.selectionSet, composite(t));
      }
    }
  }

  const Schema& schema_;
  OverlappingFieldsChecker& checker_;
  std::vector<GraphQLError>& out_;
};

struct Outcome {
  std::vector<GraphQLError> errors;
  bool aborted = false;
};

Outcome check(const char* sdl, const std::string& query) {
  const Schema& schema = schemaFor(sdl);
  kubos::graphql::ParseLimits limits;
  limits.maxTokens = 10'000'000;
  limits.maxSourceBytes = 64 << 20;
  auto parsed = kubos::graphql::parse(query, limits);
  Outcome outcome;
  EXPECT_TRUE(parsed.document) << (parsed.error ? parsed.error->message : "");
  if (!parsed.document) return outcome;
  OverlappingFieldsChecker checker(schema, *parsed.document);
  Walker(schema, checker, outcome.errors).document(*parsed.document);
  outcome.aborted = checker.aborted();
  return outcome;
}

struct ExpectedError {
  std::string message;
  std::vector<SourceLocation> locations;
};

struct Case {
  const char* name;
  const char* schema;
  const char* query;
  std::vector<ExpectedError> errors;
};

std::string describe(const std::vector<SourceLocation>& locs) {
  std::string s;
  for (const auto& l : locs) s += "(" + std::to_string(l.line) + "," + std::to_string(l.column) + ")";
  return s;
}

// clang-format off
const Case kCases[] = {
  {"UniqueFieldsAreValid", kPets, "fragment uniqueFields on Dog { name nickname }",
   {}},
  {"IdenticalFieldsMerge", kPets, "fragment mergeIdenticalFields on Dog { name name }",
   {}},
  {"IdenticalFieldsWithIdenticalArgsMerge", kPets, "fragment f on Dog { doesKnowCommand(dogCommand: SIT) doesKnowCommand(dogCommand: SIT) }",
   {}},
  {"IdenticalFieldsWithIdenticalDirectivesMerge", kPets, "fragment f on Dog { name @include(if: true) name @include(if: true) }",
   {}},
  {"DifferentArgsWithDifferentAliasesAreValid", kPets, "fragment f on Dog { knowsSit: doesKnowCommand(dogCommand: SIT) knowsDown: doesKnowCommand(dogCommand: DOWN) }",
   {}},
  {"DifferentDirectivesWithDifferentAliasesAreValid", kPets, "fragment f on Dog { nameIfTrue: name @include(if: true) nameIfFalse: name @include(if: false) }",
   {}},
  {"DifferentSkipIncludeDirectivesAreAccepted", kPets, "fragment f on Dog { name @include(if: true) name @include(if: false) }",
   {}},
  {"SameAliasesWithDifferentFieldTargetsConflict", kPets, "fragment sameAliasesWithDifferentFieldTargets on Dog {\n  fido: name\n  fido: nickname\n}",
   {{"Fields \"fido\" conflict because \"name\" and \"nickname\" are different fields. Use different aliases on the fields to fetch both if this was intentional.",
     {{2, 3}, {3, 3}}}}},
  {"SameAliasesOnNonOverlappingFieldsAreAllowed", kPets, "fragment f on Pet {\n  ... on Dog { name }\n  ... on Cat { name: nickname }\n}",
   {}},
  {"AliasMaskingDirectFieldAccessConflicts", kPets, "fragment f on Dog {\n  name: nickname\n  name\n}",
   {{"Fields \"name\" conflict because \"nickname\" and \"name\" are different fields. Use different aliases on the fields to fetch both if this was intentional.",
     {{2, 3}, {3, 3}}}}},
  {"SecondFieldAddingAnArgumentConflicts", kPets, "fragment f on Dog {\n  doesKnowCommand\n  doesKnowCommand(dogCommand: HEEL)\n}",
   {{"Fields \"doesKnowCommand\" conflict because they have differing arguments. Use different aliases on the fields to fetch both if this was intentional.",
     {{2, 3}, {3, 3}}}}},
  {"SecondFieldMissingAnArgumentConflicts", kPets, "fragment f on Dog {\n  doesKnowCommand(dogCommand: SIT)\n  doesKnowCommand\n}",
   {{"Fields \"doesKnowCommand\" conflict because they have differing arguments. Use different aliases on the fields to fetch both if this was intentional.",
     {{2, 3}, {3, 3}}}}},
  {"ConflictingArgValuesConflict", kPets, "fragment f on Dog {\n  doesKnowCommand(dogCommand: SIT)\n  doesKnowCommand(dogCommand: HEEL)\n}",
   {{"Fields \"doesKnowCommand\" conflict because they have differing arguments. Use different aliases on the fields to fetch both if this was intentional.",
     {{2, 3}, {3, 3}}}}},
  {"ConflictingArgNamesConflict", kPets, "fragment f on Dog {\n  isAtLocation(x: 0)\n  isAtLocation(y: 0)\n}",
   {{"Fields \"isAtLocation\" conflict because they have differing arguments. Use different aliases on the fields to fetch both if this was intentional.",
     {{2, 3}, {3, 3}}}}},
  {"DifferentArgsWhereNoConflictIsPossibleAreAllowed", kPets, "fragment f on Pet {\n  ... on Dog { name(surname: true) }\n  ... on Cat { name }\n}",
   {}},
  {"DifferentOrderOfArgsIsAllowed", kPets, "{\n  someField(a: null, b: null)\n  someField(b: null, a: null)\n}",
   {}},
  {"DifferentOrderOfInputObjectFieldsIsAllowed", kPets, "{\n  someField(arg: { a: null, b: null })\n  someField(arg: { b: null, a: null })\n}",
   {}},
  {"ConflictInFragmentsIsFound", kPets, "{\n  ...A\n  ...B\n}\nfragment A on Type {\n  x: a\n}\nfragment B on Type {\n  x: b\n}",
   {{"Fields \"x\" conflict because \"a\" and \"b\" are different fields. Use different aliases on the fields to fetch both if this was intentional.",
     {{6, 3}, {9, 3}}}}},
  {"EachConflictIsReportedOnce", kPets, "{\n  f1 {\n    ...A\n    ...B\n  }\n  f2 {\n    ...B\n    ...A\n  }\n  f3 {\n    ...A\n    ...B\n    x: c\n  }\n}\nfragment A on Type {\n  x: a\n}\nfragment B on Type {\n  x: b\n}",
   {{"Fields \"x\" conflict because \"a\" and \"b\" are different fields. Use different aliases on the fields to fetch both if this was intentional.",
     {{17, 3}, {20, 3}}},
    {"Fields \"x\" conflict because \"c\" and \"a\" are different fields. Use different aliases on the fields to fetch both if this was intentional.",
     {{13, 5}, {17, 3}}},
    {"Fields \"x\" conflict because \"c\" and \"b\" are different fields. Use different aliases on the fields to fetch both if this was intentional.",
     {{13, 5}, {20, 3}}}}},
  {"DeepConflictIsReportedOnTheParents", kPets, "{\n  field {\n    x: a\n  },\n  field {\n    x: b\n  }\n}",
   {{"Fields \"field\" conflict because subfields \"x\" conflict because \"a\" and \"b\" are different fields. Use different aliases on the fields to fetch both if this was intentional.",
     {{2, 3}, {3, 5}, {5, 3}, {6, 5}}}}},
  {"DeepConflictWithMultipleIssues", kPets, "{\n  field {\n    x: a\n    y: c\n  },\n  field {\n    x: b\n    y: d\n  }\n}",
   {{"Fields \"field\" conflict because subfields \"x\" conflict because \"a\" and \"b\" are different fields and subfields \"y\" conflict because \"c\" and \"d\" are different fields. Use different aliases on the fields to fetch both if this was intentional.",
     {{2, 3}, {3, 5}, {4, 5}, {6, 3}, {7, 5}, {8, 5}}}}},
  {"VeryDeepConflict", kPets, "{\n  field {\n    deepField {\n      x: a\n    }\n  },\n  field {\n    deepField {\n      x: b\n    }\n  }\n}",
   {{"Fields \"field\" conflict because subfields \"deepField\" conflict because subfields \"x\" conflict because \"a\" and \"b\" are different fields. Use different aliases on the fields to fetch both if this was intentional.",
     {{2, 3}, {3, 5}, {4, 7}, {7, 3}, {8, 5}, {9, 7}}}}},
  {"DeepConflictReportedToNearestCommonAncestor", kPets, "{\n  field {\n    deepField {\n      x: a\n    }\n    deepField {\n      x: b\n    }\n  },\n  field {\n    deepField {\n      y\n    }\n  }\n}",
   {{"Fields \"deepField\" conflict because subfields \"x\" conflict because \"a\" and \"b\" are different fields. Use different aliases on the fields to fetch both if this was intentional.",
     {{3, 5}, {4, 7}, {6, 5}, {7, 7}}}}},
  {"DeepConflictReportedToNearestCommonAncestorInFragments", kPets, "{\n  field {\n    ...F\n  }\n  field {\n    ...F\n  }\n}\nfragment F on T {\n  deepField {\n    deeperField {\n      x: a\n    }\n    deeperField {\n      x: b\n    }\n  },\n  deepField {\n    deeperField {\n      y\n    }\n  }\n}",
   {{"Fields \"deeperField\" conflict because subfields \"x\" conflict because \"a\" and \"b\" are different fields. Use different aliases on the fields to fetch both if this was intentional.",
     {{11, 5}, {12, 7}, {14, 5}, {15, 7}}}}},
  {"DeepConflictInNestedFragments", kPets, "{\n  field {\n    ...F\n  }\n  field {\n    ...I\n  }\n}\nfragment F on T {\n  x: a\n  ...G\n}\nfragment G on T {\n  y: c\n}\nfragment I on T {\n  y: d\n  ...J\n}\nfragment J on T {\n  x: b\n}",
   {{"Fields \"field\" conflict because subfields \"x\" conflict because \"a\" and \"b\" are different fields and subfields \"y\" conflict because \"c\" and \"d\" are different fields. Use different aliases on the fields to fetch both if this was intentional.",
     {{2, 3}, {10, 3}, {14, 3}, {5, 3}, {21, 3}, {17, 3}}}}},
  {"UnknownFragmentsAreIgnored", kPets, "{\n  field\n  ...Unknown\n  ...Known\n}\n\nfragment Known on T {\n  field\n  ...OtherUnknown\n}",
   {}},
  {"ConflictingReturnTypesWhichPotentiallyOverlap", kBoxes, "{\n  someBox {\n    ...on IntBox {\n      scalar\n    }\n    ...on NonNullStringBox1 {\n      scalar\n    }\n  }\n}",
   {{"Fields \"scalar\" conflict because they return conflicting types \"Int\" and \"String!\". Use different aliases on the fields to fetch both if this was intentional.",
     {{4, 7}, {7, 7}}}}},
  {"CompatibleReturnShapesOnDifferentReturnTypes", kBoxes, "{\n  someBox {\n    ... on SomeBox {\n      deepBox {\n        unrelatedField\n      }\n    }\n    ... on StringBox {\n      deepBox {\n        unrelatedField\n      }\n    }\n  }\n}",
   {}},
  {"DifferingReturnTypesDespiteNoOverlapConflict", kBoxes, "{\n  someBox {\n    ... on IntBox {\n      scalar\n    }\n    ... on StringBox {\n      scalar\n    }\n  }\n}",
   {{"Fields \"scalar\" conflict because they return conflicting types \"Int\" and \"String\". Use different aliases on the fields to fetch both if this was intentional.",
     {{4, 7}, {7, 7}}}}},
  {"NonExclusiveComparisonAfterExclusiveIsStillMade", kBoxes, "{\n  someBox {\n    ... on IntBox {\n      deepBox {\n        ...X\n      }\n    }\n  }\n  someBox {\n    ... on StringBox {\n      deepBox {\n        ...Y\n      }\n    }\n  }\n  memoed: someBox {\n    ... on IntBox {\n      deepBox {\n        ...X\n      }\n    }\n  }\n  memoed: someBox {\n    ... on StringBox {\n      deepBox {\n        ...Y\n      }\n    }\n  }\n  other: someBox {\n    ...X\n  }\n  other: someBox {\n    ...Y\n  }\n}\nfragment X on SomeBox {\n  scalar\n}\nfragment Y on SomeBox {\n  scalar: unrelatedField\n}",
   {{"Fields \"other\" conflict because subfields \"scalar\" conflict because \"scalar\" and \"unrelatedField\" are different fields. Use different aliases on the fields to fetch both if this was intentional.",
     {{30, 3}, {38, 3}, {33, 3}, {41, 3}}}}},
  {"DifferingNullabilityDespiteNoOverlapConflicts", kBoxes, "{\n  someBox {\n    ... on NonNullStringBox1 {\n      scalar\n    }\n    ... on StringBox {\n      scalar\n    }\n  }\n}",
   {{"Fields \"scalar\" conflict because they return conflicting types \"String!\" and \"String\". Use different aliases on the fields to fetch both if this was intentional.",
     {{4, 7}, {7, 7}}}}},
  {"DifferingListDespiteNoOverlapConflicts", kBoxes, "{\n  someBox {\n    ... on IntBox {\n      box: listStringBox {\n        scalar\n      }\n    }\n    ... on StringBox {\n      box: stringBox {\n        scalar\n      }\n    }\n  }\n}",
   {{"Fields \"box\" conflict because they return conflicting types \"[StringBox]\" and \"StringBox\". Use different aliases on the fields to fetch both if this was intentional.",
     {{4, 7}, {9, 7}}}}},
  {"DifferingListReversedConflicts", kBoxes, "{\n  someBox {\n    ... on IntBox {\n      box: stringBox {\n        scalar\n      }\n    }\n    ... on StringBox {\n      box: listStringBox {\n        scalar\n      }\n    }\n  }\n}",
   {{"Fields \"box\" conflict because they return conflicting types \"StringBox\" and \"[StringBox]\". Use different aliases on the fields to fetch both if this was intentional.",
     {{4, 7}, {9, 7}}}}},
  {"DifferingSubfieldsConflict", kBoxes, "{\n  someBox {\n    ... on IntBox {\n      box: stringBox {\n        val: scalar\n        val: unrelatedField\n      }\n    }\n    ... on StringBox {\n      box: stringBox {\n        val: scalar\n      }\n    }\n  }\n}",
   {{"Fields \"val\" conflict because \"scalar\" and \"unrelatedField\" are different fields. Use different aliases on the fields to fetch both if this was intentional.",
     {{5, 9}, {6, 9}}}}},
  {"DifferingDeepReturnTypesDespiteNoOverlapConflict", kBoxes, "{\n  someBox {\n    ... on IntBox {\n      box: stringBox {\n        scalar\n      }\n    }\n    ... on StringBox {\n      box: intBox {\n        scalar\n      }\n    }\n  }\n}",
   {{"Fields \"box\" conflict because subfields \"scalar\" conflict because they return conflicting types \"String\" and \"Int\". Use different aliases on the fields to fetch both if this was intentional.",
     {{4, 7}, {5, 9}, {9, 7}, {10, 9}}}}},
  {"NonConflictingOverlappingTypesAreAllowed", kBoxes, "{\n  someBox {\n    ... on IntBox {\n      scalar: unrelatedField\n    }\n    ... on StringBox {\n      scalar\n    }\n  }\n}",
   {}},
  {"SameWrappedScalarReturnTypesAreAllowed", kBoxes, "{\n  someBox {\n    ...on NonNullStringBox1 {\n      scalar\n    }\n    ...on NonNullStringBox2 {\n      scalar\n    }\n  }\n}",
   {}},
  {"InlineFragmentsWithoutTypeConditionAreAllowed", kBoxes, "{\n  a\n  ... {\n    a\n  }\n}",
   {}},
  {"DeepTypesIncludingListAreCompared", kBoxes, "{\n  connection {\n    ...edgeID\n    edges {\n      node {\n        id: name\n      }\n    }\n  }\n}\n\nfragment edgeID on Connection {\n  edges {\n    node {\n      id\n    }\n  }\n}",
   {{"Fields \"edges\" conflict because subfields \"node\" conflict because subfields \"id\" conflict because \"name\" and \"id\" are different fields. Use different aliases on the fields to fetch both if this was intentional.",
     {{4, 5}, {5, 7}, {6, 9}, {13, 3}, {14, 5}, {15, 7}}}}},
  {"UnknownTypesAreIgnored", kBoxes, "{\n  someBox {\n    ...on UnknownType {\n      scalar\n    }\n    ...on NonNullStringBox2 {\n      scalar\n    }\n  }\n}",
   {}},
  {"FieldNamedLikeJsKeywordsWork", kKeywords, "{\n  foo {\n    constructor\n  }\n}",
   {}},
  {"ImmediatelyRecursiveFragmentStillFindsConflict", kPets, "fragment sameAliasesWithDifferentFieldTargets on Dog {\n  ...sameAliasesWithDifferentFieldTargets\n  fido: name\n  fido: nickname\n}",
   {{"Fields \"fido\" conflict because \"name\" and \"nickname\" are different fields. Use different aliases on the fields to fetch both if this was intentional.",
     {{3, 3}, {4, 3}}}}},
  {"RecursiveFragmentDoesNotLoop", kPets, "{\n  ...fragA\n}\n\nfragment fragA on Human { name, relatives { name, ...fragA } }",
   {}},
  {"ImmediatelyRecursiveFragmentDoesNotLoop", kPets, "{\n  ...fragA\n}\n\nfragment fragA on Human { name, ...fragA }",
   {}},
  {"RecursiveFragmentWithFieldNamedAfterFragmentDoesNotLoop", kPets, "{\n  ...fragA\n  fragA\n}\n\nfragment fragA on Query { ...fragA }",
   {}},
  {"FieldNamedAfterFragmentStillFindsConflict", kPets, "{\n  ...fragA\n  fragA\n}\n\nfragment fragA on Query {\n  fragA: a\n}",
   {{"Fields \"fragA\" conflict because \"fragA\" and \"a\" are different fields. Use different aliases on the fields to fetch both if this was intentional.",
     {{3, 3}, {7, 3}}}}},
  {"TransitivelyRecursiveFragmentDoesNotLoop", kPets, "{\n  ...fragA\n  fragB\n}\n\nfragment fragA on Query { ...fragB }\nfragment fragB on Query { ...fragA }",
   {}},
  {"TransitivelyRecursiveFragmentStillFindsConflict", kPets, "{\n  ...fragA\n  fragB\n}\n\nfragment fragA on Query { ...fragB }\nfragment fragB on Query { fragB: a ...fragA }",
   {{"Fields \"fragB\" conflict because \"fragB\" and \"a\" are different fields. Use different aliases on the fields to fetch both if this was intentional.",
     {{3, 3}, {7, 27}}}}},
  {"NestedRecursiveSpreadDoesNotLoop", kPets, "{\n  dog { ...fragA }\n  dog { ...fragB }\n}\nfragment fragA on Dog { mother { ...fragB } name }\nfragment fragB on Dog { mother { ...fragA } name: nickname }",
   {{"Fields \"dog\" conflict because subfields \"name\" conflict because \"name\" and \"nickname\" are different fields. Use different aliases on the fields to fetch both if this was intentional.",
     {{2, 3}, {5, 45}, {3, 3}, {6, 45}}}}},
  {"ArgumentsCompareVariablesByName", kPets, "query ($a: String, $b: String) {\n  someField(a: $a)\n  someField(a: $b)\n  other: someField(a: $a)\n  other: someField(a: $a)\n}",
   {{"Fields \"someField\" conflict because they have differing arguments. Use different aliases on the fields to fetch both if this was intentional.",
     {{2, 3}, {3, 3}}}}},
  {"ArgumentsDistinguishBlockStrings", kPets, "{\n  someField(a: \"x\")\n  someField(a: \"\"\"x\"\"\")\n}",
   {{"Fields \"someField\" conflict because they have differing arguments. Use different aliases on the fields to fetch both if this was intentional.",
     {{2, 3}, {3, 3}}}}},
  {"ArgumentsCompareEscapedStringsByValue", kPets, "{\n  someField(a: \"\\u0041\")\n  someField(a: \"A\")\n}",
   {}},
  {"ArgumentsCompareListsInOrder", kPets, "{\n  someField(list: [\"a\", \"b\"])\n  someField(list: [\"b\", \"a\"])\n  same: someField(list: [\"a\", \"b\"])\n  same: someField(list: [\"a\",  \"b\"])\n}",
   {{"Fields \"someField\" conflict because they have differing arguments. Use different aliases on the fields to fetch both if this was intentional.",
     {{2, 3}, {3, 3}}}}},
  {"ArgumentsCompareNestedObjectsSorted", kPets, "{\n  someField(arg: { b: {y: 1, x: [2, {q: 3, p: 4}]}, a: ENUM })\n  someField(arg: { a: ENUM, b: {x: [2, {p: 4, q: 3}], y: 1} })\n  diff: someField(arg: { a: 1 })\n  diff: someField(arg: { a: 1.0 })\n  nul: someField(arg: { a: null })\n  nul: someField(arg: { a: \"null\" })\n  en: someField(a: TRUE)\n  en: someField(a: true)\n}",
   {{"Fields \"diff\" conflict because they have differing arguments. Use different aliases on the fields to fetch both if this was intentional.",
     {{4, 3}, {5, 3}}},
    {"Fields \"nul\" conflict because they have differing arguments. Use different aliases on the fields to fetch both if this was intentional.",
     {{6, 3}, {7, 3}}},
    {"Fields \"en\" conflict because they have differing arguments. Use different aliases on the fields to fetch both if this was intentional.",
     {{8, 3}, {9, 3}}}}},
  {"TypenameIsComparedByNameOnly", kPets, "{\n  dog { __typename __typename t: __typename t: name }\n}",
   {{"Fields \"t\" conflict because \"__typename\" and \"name\" are different fields. Use different aliases on the fields to fetch both if this was intentional.",
     {{2, 31}, {2, 45}}}}},
  {"MutuallyExclusiveParentsStillNeedSameShape", kPets, "{\n  catOrDog {\n    ... on Dog { x: name(surname: true) y: mother { name } }\n    ... on Cat { x: nickname y: name }\n  }\n}",
   {{"Fields \"y\" conflict because they return conflicting types \"Dog\" and \"String\". Use different aliases on the fields to fetch both if this was intentional.",
     {{3, 41}, {4, 30}}}}},
  {"InterfaceParentsAreNotMutuallyExclusive", kPets, "{\n  pet {\n    ... on Pet { x: name }\n    ... on Dog { x: nickname }\n  }\n}",
   {{"Fields \"x\" conflict because \"name\" and \"nickname\" are different fields. Use different aliases on the fields to fetch both if this was intentional.",
     {{3, 18}, {4, 18}}}}},
  {"NestedInlineFragmentIsCheckedOnceAtItsLevel", kPets, "{\n  dog {\n    ... {\n      ... { x: name }\n    }\n    x: nickname\n  }\n}",
   {{"Fields \"x\" conflict because \"name\" and \"nickname\" are different fields. Use different aliases on the fields to fetch both if this was intentional.",
     {{4, 13}, {6, 5}}}}},
  {"SingleInlineFragmentSelectionIsChecked", kPets, "{\n  dog {\n    ... on Dog { x: name x: nickname }\n  }\n}",
   {{"Fields \"x\" conflict because \"name\" and \"nickname\" are different fields. Use different aliases on the fields to fetch both if this was intentional.",
     {{3, 18}, {3, 26}}}}},
  {"FragmentPairsAcrossSelectionSetsAreMemoised", kPets, "{\n  dog { ...A ...B }\n  cat: dog { ...B ...A }\n}\nfragment A on Dog { x: name }\nfragment B on Dog { x: nickname }",
   {{"Fields \"x\" conflict because \"name\" and \"nickname\" are different fields. Use different aliases on the fields to fetch both if this was intentional.",
     {{5, 21}, {6, 21}}}}},
  {"LastFragmentDefinitionWins", kPets, "{\n  dog { x: name ...A }\n}\nfragment A on Dog { x: nickname }\nfragment A on Dog { x: name }",
   {}},
  {"DuplicateFragmentDefinitionUsesTheLast", kPets, "{\n  dog { x: name ...A }\n}\nfragment A on Dog { x: name }\nfragment A on Dog { x: nickname }",
   {{"Fields \"x\" conflict because \"name\" and \"nickname\" are different fields. Use different aliases on the fields to fetch both if this was intentional.",
     {{2, 9}, {5, 21}}}}},
  {"DeepDifferingListNestingConflicts", kPets, "{\n  human { pets { name } }\n  human { pets: relatives { name } }\n  h: human { relatives { name } }\n  h: human { relatives { name: pets { name } } }\n}",
   {{"Fields \"human\" conflict because subfields \"pets\" conflict because \"pets\" and \"relatives\" are different fields. Use different aliases on the fields to fetch both if this was intentional.",
     {{2, 3}, {2, 11}, {3, 3}, {3, 11}}},
    {"Fields \"h\" conflict because subfields \"relatives\" conflict because subfields \"name\" conflict because \"name\" and \"pets\" are different fields. Use different aliases on the fields to fetch both if this was intentional.",
     {{4, 3}, {4, 14}, {4, 26}, {5, 3}, {5, 14}, {5, 26}}}}},
};
// clang-format on

class GraphqlJsCase : public ::testing::TestWithParam<Case> {};

TEST_P(GraphqlJsCase, GQL_6_MatchesGraphqlJsMessagesOrderAndLocations) {
  const Case& c = GetParam();
  Outcome got = check(c.schema, c.query);
  EXPECT_FALSE(got.aborted);
  ASSERT_EQ(got.errors.size(), c.errors.size()) << c.query;
  for (std::size_t i = 0; i < c.errors.size(); ++i) {
    EXPECT_EQ(got.errors[i].message, c.errors[i].message) << "error " << i;
    EXPECT_EQ(describe(got.errors[i].locations), describe(c.errors[i].locations)) << "error " << i;
  }
}

INSTANTIATE_TEST_SUITE_P(OverlappingFields, GraphqlJsCase, ::testing::ValuesIn(kCases),
                         [](const ::testing::TestParamInfo<Case>& info) { return std::string(info.param.name); });

const char* const kDogs = "type Dog { name: String nickname: String mother: Dog } type Query { dog: Dog }";

std::string repeat(const std::string& s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

// graphql-js meters comparisons with a 500000 budget: 707 identical fields
// cost 707*706 = 499142 and pass, 708 cost 500556 and abort validation.
TEST(OverlappingFields, ComplexityBudgetAbortsExactlyWhereGraphqlJsDoes) {
  Outcome under = check(kDogs, "{ dog { " + repeat("name ", 707) + "} }");
  EXPECT_FALSE(under.aborted);
  EXPECT_TRUE(under.errors.empty());
  Outcome over = check(kDogs, "{ dog { " + repeat("name ", 708) + "} }");
  EXPECT_TRUE(over.aborted);
  EXPECT_TRUE(over.errors.empty());  // the aborted call's conflicts are dropped, as in graphql-js
}

TEST(OverlappingFields, AbortKeepsEarlierErrorsAndIgnoresLaterCalls) {
  std::string q = "{ a: dog { x: name x: nickname } dog { " + repeat("name ", 708) +
                  "} b: dog { y: name y: nickname } }";
  Outcome got = check(kDogs, q);
  EXPECT_TRUE(got.aborted);
  ASSERT_EQ(got.errors.size(), 1u);
  EXPECT_EQ(got.errors[0].message,
            "Fields \"x\" conflict because \"name\" and \"nickname\" are different fields. Use different aliases "
            "on the fields to fetch both if this was intentional.");
  EXPECT_EQ(std::string(OverlappingFieldsChecker::kValidationAbortedMessage), "Validation aborted.");
}

// Response names longer than 1000 characters are cut to 1000 plus "...".
TEST(OverlappingFields, LongResponseNameIsAbbreviatedLikeGraphqlJs) {
  const std::string name(1005, 'a');
  Outcome got = check(kDogs, "{ dog { " + name + ": name " + name + ": nickname } }");
  ASSERT_EQ(got.errors.size(), 1u);
  EXPECT_EQ(got.errors[0].message, "Fields \"" + name.substr(0, 1000) +
                                       "...\" conflict because \"name\" and \"nickname\" are different fields. Use "
                                       "different aliases on the fields to fetch both if this was intentional.");
  EXPECT_EQ(got.errors[0].message.size(), 1148u);  // graphql-js's length
}

// Each side of a nested conflict lists at most 20 nodes (the enclosing field
// first); the detail stops growing past 1000 characters.
TEST(OverlappingFields, SubfieldConflictNodesAreCappedAt20PerSide) {
  std::string a, b;
  for (int i = 0; i < 15; ++i) {
    a += " f" + std::to_string(i) + ": name";
    b += " f" + std::to_string(i) + ": nickname";
  }
  Outcome got = check(kDogs, "{ dog { " + a + " } dog { " + b + " } }");
  ASSERT_EQ(got.errors.size(), 1u);
  EXPECT_EQ(got.errors[0].message.size(), 1109u);  // graphql-js's length
  const std::vector<SourceLocation> expected = {
      {1, 3},   {1, 10},  {1, 19},  {1, 28},  {1, 37},  {1, 46},  {1, 55},  {1, 64},
      {1, 73},  {1, 82},  {1, 91},  {1, 100}, {1, 110}, {1, 120}, {1, 130}, {1, 140},
      {1, 152}, {1, 159}, {1, 172}, {1, 185}, {1, 198}, {1, 211}, {1, 224}, {1, 237},
      {1, 250}, {1, 263}, {1, 276}, {1, 289}, {1, 303}, {1, 317}, {1, 331}, {1, 345}};
  EXPECT_EQ(describe(got.errors[0].locations), describe(expected));
}

// A chain of 10000 fragments: graphql-js overflows its stack here (it gives
// this answer up to a few thousand); we walk the chain without recursion.
TEST(OverlappingFields, LongFragmentChainDoesNotOverflowTheStack) {
  const int n = 10000;
  std::string q = "{ dog { name ...F0 } }";
  for (int i = 0; i < n; ++i) {
    q += " fragment F" + std::to_string(i) + " on Dog { ...F" + std::to_string(i + 1) + " }";
  }
  q += " fragment F" + std::to_string(n) + " on Dog { name: nickname }";
  Outcome got = check(kDogs, q);
  EXPECT_FALSE(got.aborted);
  ASSERT_EQ(got.errors.size(), 1u);
  EXPECT_EQ(got.errors[0].message,
            "Fields \"name\" conflict because \"name\" and \"nickname\" are different fields. Use different aliases "
            "on the fields to fetch both if this was intentional.");
}

std::string nestedThroughFragments(int n) {
  std::string q = "{ dog { ...F0 ...G0 } }\n";
  for (int i = 0; i < n; ++i) {
    const std::string s = std::to_string(i), t = std::to_string(i + 1);
    q += "fragment F" + s + " on Dog { mother { ...F" + t + " } }\n";
    q += "fragment G" + s + " on Dog { mother { ...G" + t + " } }\n";
  }
  const std::string s = std::to_string(n);
  q += "fragment F" + s + " on Dog { x: name }\nfragment G" + s + " on Dog { x: nickname }\n";
  return q;
}

// 500 nested levels (through fragments, so the parser's depth limit does not
// apply): the same error as graphql-js, detail cut at 1000 characters and 20
// nodes per side, keeping the deepest ones.
TEST(OverlappingFields, DeepConflictThroughFragmentsMatchesGraphqlJs) {
  Outcome got = check(kDogs, nestedThroughFragments(500));
  EXPECT_FALSE(got.aborted);
  ASSERT_EQ(got.errors.size(), 1u);
  const std::string& m = got.errors[0].message;
  EXPECT_EQ(m.size(), 1112u);
  const std::string tail =
      "ecause subfields \"mother\" conflict because subfields \"mother\" conflict .... Use different aliases on "
      "the fields to fetch both if this was intentional.";
  EXPECT_EQ(m.substr(m.size() - tail.size()), tail);
  const auto& l = got.errors[0].locations;
  ASSERT_EQ(l.size(), 40u);
  EXPECT_EQ(l[0], (SourceLocation{2, 22}));
  EXPECT_EQ(l[1], (SourceLocation{966, 24}));
  EXPECT_EQ(l[19], (SourceLocation{1002, 24}));
  EXPECT_EQ(l[20], (SourceLocation{3, 22}));
  EXPECT_EQ(l[21], (SourceLocation{967, 24}));
  EXPECT_EQ(l[39], (SourceLocation{1003, 24}));
}

// Deeper than graphql-js itself survives (it throws a RangeError from about
// 680 levels): we stop with "Validation aborted." instead of overflowing.
TEST(OverlappingFields, HostilelyDeepNestingAbortsInsteadOfOverflowing) {
  Outcome got = check(kDogs, nestedThroughFragments(5000));
  EXPECT_TRUE(got.aborted);
  EXPECT_TRUE(got.errors.empty());
}

}  // namespace
