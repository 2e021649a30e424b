// Prints the expected-results table of overlapping_fields_test.cpp from
// graphql-js (the oracle): node lib/graphql/tests/overlapping_fields_oracle.js
// Cases follow graphql-js's OverlappingFieldsCanBeMergedRule tests, plus our own.
'use strict';
const path = require('path');
const gql = require(path.join(__dirname, '../../../third_party/js/node_modules/graphql'));
const { OverlappingFieldsCanBeMergedRule } = require(path.join(__dirname, '../../../third_party/js/node_modules/graphql/validation'));

const schemas = {
  kPets: `
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
`,
  kBoxes: `
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
`,
  kKeywords: `type Foo { constructor: String } type Query { foo: Foo }`,
};


const cases = [
  // --- graphql-js's classic cases ---
  { name: 'UniqueFieldsAreValid', schema: 'kPets', query: `fragment uniqueFields on Dog { name nickname }` },
  { name: 'IdenticalFieldsMerge', schema: 'kPets', query: `fragment mergeIdenticalFields on Dog { name name }` },
  { name: 'IdenticalFieldsWithIdenticalArgsMerge', schema: 'kPets', query: `fragment f on Dog { doesKnowCommand(dogCommand: SIT) doesKnowCommand(dogCommand: SIT) }` },
  { name: 'IdenticalFieldsWithIdenticalDirectivesMerge', schema: 'kPets', query: `fragment f on Dog { name @include(if: true) name @include(if: true) }` },
  { name: 'DifferentArgsWithDifferentAliasesAreValid', schema: 'kPets', query: `fragment f on Dog { knowsSit: doesKnowCommand(dogCommand: SIT) knowsDown: doesKnowCommand(dogCommand: DOWN) }` },
  { name: 'DifferentDirectivesWithDifferentAliasesAreValid', schema: 'kPets', query: `fragment f on Dog { nameIfTrue: name @include(if: true) nameIfFalse: name @include(if: false) }` },
  { name: 'DifferentSkipIncludeDirectivesAreAccepted', schema: 'kPets', query: `fragment f on Dog { name @include(if: true) name @include(if: false) }` },
  { name: 'SameAliasesWithDifferentFieldTargetsConflict', schema: 'kPets', query: `fragment sameAliasesWithDifferentFieldTargets on Dog {\n  fido: name\n  fido: nickname\n}` },
  { name: 'SameAliasesOnNonOverlappingFieldsAreAllowed', schema: 'kPets', query: `fragment f on Pet {\n  ... on Dog { name }\n  ... on Cat { name: nickname }\n}` },
  { name: 'AliasMaskingDirectFieldAccessConflicts', schema: 'kPets', query: `fragment f on Dog {\n  name: nickname\n  name\n}` },
  { name: 'SecondFieldAddingAnArgumentConflicts', schema: 'kPets', query: `fragment f on Dog {\n  doesKnowCommand\n  doesKnowCommand(dogCommand: HEEL)\n}` },
  { name: 'SecondFieldMissingAnArgumentConflicts', schema: 'kPets', query: `fragment f on Dog {\n  doesKnowCommand(dogCommand: SIT)\n  doesKnowCommand\n}` },
  { name: 'ConflictingArgValuesConflict', schema: 'kPets', query: `fragment f on Dog {\n  doesKnowCommand(dogCommand: SIT)\n  doesKnowCommand(dogCommand: HEEL)\n}` },
  { name: 'ConflictingArgNamesConflict', schema: 'kPets', query: `fragment f on Dog {\n  isAtLocation(x: 0)\n  isAtLocation(y: 0)\n}` },
  { name: 'DifferentArgsWhereNoConflictIsPossibleAreAllowed', schema: 'kPets', query: `fragment f on Pet {\n  ... on Dog { name(surname: true) }\n  ... on Cat { name }\n}` },
  { name: 'DifferentOrderOfArgsIsAllowed', schema: 'kPets', query: `{\n  someField(a: null, b: null)\n  someField(b: null, a: null)\n}` },
  { name: 'DifferentOrderOfInputObjectFieldsIsAllowed', schema: 'kPets', query: `{\n  someField(arg: { a: null, b: null })\n  someField(arg: { b: null, a: null })\n}` },
  { name: 'ConflictInFragmentsIsFound', schema: 'kPets', query: `{\n  ...A\n  ...B\n}\nfragment A on Type {\n  x: a\n}\nfragment B on Type {\n  x: b\n}` },
  { name: 'EachConflictIsReportedOnce', schema: 'kPets', query: `{\n  f1 {\n    ...A\n    ...B\n  }\n  f2 {\n    ...B\n    ...A\n  }\n  f3 {\n    ...A\n    ...B\n    x: c\n  }\n}\nfragment A on Type {\n  x: a\n}\nfragment B on Type {\n  x: b\n}` },
  { name: 'DeepConflictIsReportedOnTheParents', schema: 'kPets', query: `{\n  field {\n    x: a\n  },\n  field {\n    x: b\n  }\n}` },
  { name: 'DeepConflictWithMultipleIssues', schema: 'kPets', query: `{\n  field {\n    x: a\n    y: c\n  },\n  field {\n    x: b\n    y: d\n  }\n}` },
  { name: 'VeryDeepConflict', schema: 'kPets', query: `{\n  field {\n    deepField {\n      x: a\n    }\n  },\n  field {\n    deepField {\n      x: b\n    }\n  }\n}` },
  { name: 'DeepConflictReportedToNearestCommonAncestor', schema: 'kPets', query: `{\n  field {\n    deepField {\n      x: a\n    }\n    deepField {\n      x: b\n    }\n  },\n  field {\n    deepField {\n      y\n    }\n  }\n}` },
  { name: 'DeepConflictReportedToNearestCommonAncestorInFragments', schema: 'kPets', query: `{\n  field {\n    ...F\n  }\n  field {\n    ...F\n  }\n}\nfragment F on T {\n  deepField {\n    deeperField {\n      x: a\n    }\n    deeperField {\n      x: b\n    }\n  },\n  deepField {\n    deeperField {\n      y\n    }\n  }\n}` },
  { name: 'DeepConflictInNestedFragments', schema: 'kPets', query: `{\n  field {\n    ...F\n  }\n  field {\n    ...I\n  }\n}\nfragment F on T {\n  x: a\n  ...G\n}\nfragment G on T {\n  y: c\n}\nfragment I on T {\n  y: d\n  ...J\n}\nfragment J on T {\n  x: b\n}` },
  { name: 'UnknownFragmentsAreIgnored', schema: 'kPets', query: `{\n  field\n  ...Unknown\n  ...Known\n}\n\nfragment Known on T {\n  field\n  ...OtherUnknown\n}` },
  { name: 'ConflictingReturnTypesWhichPotentiallyOverlap', schema: 'kBoxes', query: `{\n  someBox {\n    ...on IntBox {\n      scalar\n    }\n    ...on NonNullStringBox1 {\n      scalar\n    }\n  }\n}` },
  { name: 'CompatibleReturnShapesOnDifferentReturnTypes', schema: 'kBoxes', query: `{\n  someBox {\n    ... on SomeBox {\n      deepBox {\n        unrelatedField\n      }\n    }\n    ... on StringBox {\n      deepBox {\n        unrelatedField\n      }\n    }\n  }\n}` },
  { name: 'DifferingReturnTypesDespiteNoOverlapConflict', schema: 'kBoxes', query: `{\n  someBox {\n    ... on IntBox {\n      scalar\n    }\n    ... on StringBox {\n      scalar\n    }\n  }\n}` },
  { name: 'NonExclusiveComparisonAfterExclusiveIsStillMade', schema: 'kBoxes', query: `{\n  someBox {\n    ... on IntBox {\n      deepBox {\n        ...X\n      }\n    }\n  }\n  someBox {\n    ... on StringBox {\n      deepBox {\n        ...Y\n      }\n    }\n  }\n  memoed: someBox {\n    ... on IntBox {\n      deepBox {\n        ...X\n      }\n    }\n  }\n  memoed: someBox {\n    ... on StringBox {\n      deepBox {\n        ...Y\n      }\n    }\n  }\n  other: someBox {\n    ...X\n  }\n  other: someBox {\n    ...Y\n  }\n}\nfragment X on SomeBox {\n  scalar\n}\nfragment Y on SomeBox {\n  scalar: unrelatedField\n}` },
  { name: 'DifferingNullabilityDespiteNoOverlapConflicts', schema: 'kBoxes', query: `{\n  someBox {\n    ... on NonNullStringBox1 {\n      scalar\n    }\n    ... on StringBox {\n      scalar\n    }\n  }\n}` },
  { name: 'DifferingListDespiteNoOverlapConflicts', schema: 'kBoxes', query: `{\n  someBox {\n    ... on IntBox {\n      box: listStringBox {\n        scalar\n      }\n    }\n    ... on StringBox {\n      box: stringBox {\n        scalar\n      }\n    }\n  }\n}` },
  { name: 'DifferingListReversedConflicts', schema: 'kBoxes', query: `{\n  someBox {\n    ... on IntBox {\n      box: stringBox {\n        scalar\n      }\n    }\n    ... on StringBox {\n      box: listStringBox {\n        scalar\n      }\n    }\n  }\n}` },
  { name: 'DifferingSubfieldsConflict', schema: 'kBoxes', query: `{\n  someBox {\n    ... on IntBox {\n      box: stringBox {\n        val: scalar\n        val: unrelatedField\n      }\n    }\n    ... on StringBox {\n      box: stringBox {\n        val: scalar\n      }\n    }\n  }\n}` },
  { name: 'DifferingDeepReturnTypesDespiteNoOverlapConflict', schema: 'kBoxes', query: `{\n  someBox {\n    ... on IntBox {\n      box: stringBox {\n        scalar\n      }\n    }\n    ... on StringBox {\n      box: intBox {\n        scalar\n      }\n    }\n  }\n}` },
  { name: 'NonConflictingOverlappingTypesAreAllowed', schema: 'kBoxes', query: `{\n  someBox {\n    ... on IntBox {\n      scalar: unrelatedField\n    }\n    ... on StringBox {\n      scalar\n    }\n  }\n}` },
  { name: 'SameWrappedScalarReturnTypesAreAllowed', schema: 'kBoxes', query: `{\n  someBox {\n    ...on NonNullStringBox1 {\n      scalar\n    }\n    ...on NonNullStringBox2 {\n      scalar\n    }\n  }\n}` },
  { name: 'InlineFragmentsWithoutTypeConditionAreAllowed', schema: 'kBoxes', query: `{\n  a\n  ... {\n    a\n  }\n}` },
  { name: 'DeepTypesIncludingListAreCompared', schema: 'kBoxes', query: `{\n  connection {\n    ...edgeID\n    edges {\n      node {\n        id: name\n      }\n    }\n  }\n}\n\nfragment edgeID on Connection {\n  edges {\n    node {\n      id\n    }\n  }\n}` },
  { name: 'UnknownTypesAreIgnored', schema: 'kBoxes', query: `{\n  someBox {\n    ...on UnknownType {\n      scalar\n    }\n    ...on NonNullStringBox2 {\n      scalar\n    }\n  }\n}` },
  { name: 'FieldNamedLikeJsKeywordsWork', schema: 'kKeywords', query: `{\n  foo {\n    constructor\n  }\n}` },
  { name: 'ImmediatelyRecursiveFragmentStillFindsConflict', schema: 'kPets', query: `fragment sameAliasesWithDifferentFieldTargets on Dog {\n  ...sameAliasesWithDifferentFieldTargets\n  fido: name\n  fido: nickname\n}` },
  { name: 'RecursiveFragmentDoesNotLoop', schema: 'kPets', query: `{\n  ...fragA\n}\n\nfragment fragA on Human { name, relatives { name, ...fragA } }` },
  { name: 'ImmediatelyRecursiveFragmentDoesNotLoop', schema: 'kPets', query: `{\n  ...fragA\n}\n\nfragment fragA on Human { name, ...fragA }` },
  { name: 'RecursiveFragmentWithFieldNamedAfterFragmentDoesNotLoop', schema: 'kPets', query: `{\n  ...fragA\n  fragA\n}\n\nfragment fragA on Query { ...fragA }` },
  { name: 'FieldNamedAfterFragmentStillFindsConflict', schema: 'kPets', query: `{\n  ...fragA\n  fragA\n}\n\nfragment fragA on Query {\n  fragA: a\n}` },
  { name: 'TransitivelyRecursiveFragmentDoesNotLoop', schema: 'kPets', query: `{\n  ...fragA\n  fragB\n}\n\nfragment fragA on Query { ...fragB }\nfragment fragB on Query { ...fragA }` },
  { name: 'TransitivelyRecursiveFragmentStillFindsConflict', schema: 'kPets', query: `{\n  ...fragA\n  fragB\n}\n\nfragment fragA on Query { ...fragB }\nfragment fragB on Query { fragB: a ...fragA }` },
  { name: 'NestedRecursiveSpreadDoesNotLoop', schema: 'kPets', query: `{\n  dog { ...fragA }\n  dog { ...fragB }\n}\nfragment fragA on Dog { mother { ...fragB } name }\nfragment fragB on Dog { mother { ...fragA } name: nickname }` },
  // --- our own: graphql-js 16.15 details ---
  { name: 'ArgumentsCompareVariablesByName', schema: 'kPets', query: `query ($a: String, $b: String) {\n  someField(a: $a)\n  someField(a: $b)\n  other: someField(a: $a)\n  other: someField(a: $a)\n}` },
  { name: 'ArgumentsDistinguishBlockStrings', schema: 'kPets', query: `{\n  someField(a: "x")\n  someField(a: """x""")\n}` },
  { name: 'ArgumentsCompareEscapedStringsByValue', schema: 'kPets', query: `{\n  someField(a: "\\u0041")\n  someField(a: "A")\n}` },
  { name: 'ArgumentsCompareListsInOrder', schema: 'kPets', query: `{\n  someField(list: ["a", "b"])\n  someField(list: ["b", "a"])\n  same: someField(list: ["a", "b"])\n  same: someField(list: ["a",  "b"])\n}` },
  { name: 'ArgumentsCompareNestedObjectsSorted', schema: 'kPets', query: `{\n  someField(arg: { b: {y: 1, x: [2, {q: 3, p: 4}]}, a: ENUM })\n  someField(arg: { a: ENUM, b: {x: [2, {p: 4, q: 3}], y: 1} })\n  diff: someField(arg: { a: 1 })\n  diff: someField(arg: { a: 1.0 })\n  nul: someField(arg: { a: null })\n  nul: someField(arg: { a: "null" })\n  en: someField(a: TRUE)\n  en: someField(a: true)\n}` },
  { name: 'TypenameIsComparedByNameOnly', schema: 'kPets', query: `{\n  dog { __typename __typename t: __typename t: name }\n}` },
  { name: 'MutuallyExclusiveParentsStillNeedSameShape', schema: 'kPets', query: `{\n  catOrDog {\n    ... on Dog { x: name(surname: true) y: mother { name } }\n    ... on Cat { x: nickname y: name }\n  }\n}` },
  { name: 'InterfaceParentsAreNotMutuallyExclusive', schema: 'kPets', query: `{\n  pet {\n    ... on Pet { x: name }\n    ... on Dog { x: nickname }\n  }\n}` },
  { name: 'NestedInlineFragmentIsCheckedOnceAtItsLevel', schema: 'kPets', query: `{\n  dog {\n    ... {\n      ... { x: name }\n    }\n    x: nickname\n  }\n}` },
  { name: 'SingleInlineFragmentSelectionIsChecked', schema: 'kPets', query: `{\n  dog {\n    ... on Dog { x: name x: nickname }\n  }\n}` },
  { name: 'FragmentPairsAcrossSelectionSetsAreMemoised', schema: 'kPets', query: `{\n  dog { ...A ...B }\n  cat: dog { ...B ...A }\n}\nfragment A on Dog { x: name }\nfragment B on Dog { x: nickname }` },
  { name: 'LastFragmentDefinitionWins', schema: 'kPets', query: `{\n  dog { x: name ...A }\n}\nfragment A on Dog { x: nickname }\nfragment A on Dog { x: name }` },
  { name: 'DuplicateFragmentDefinitionUsesTheLast', schema: 'kPets', query: `{\n  dog { x: name ...A }\n}\nfragment A on Dog { x: name }\nfragment A on Dog { x: nickname }` },
  { name: 'DeepDifferingListNestingConflicts', schema: 'kPets', query: `{\n  human { pets { name } }\n  human { pets: relatives { name } }\n  h: human { relatives { name } }\n  h: human { relatives { name: pets { name } } }\n}` },
];

const built = {};
for (const [k, sdl] of Object.entries(schemas)) built[k] = gql.buildSchema(sdl);

const cstr = (s) => JSON.stringify(s);  // JSON string escapes are valid C++ for our ASCII cases
let out = '';
for (const c of cases) {
  const errors = gql.validate(built[c.schema], gql.parse(c.query), [OverlappingFieldsCanBeMergedRule]);
  out += `  {${cstr(c.name)}, ${c.schema}, ${cstr(c.query)},\n   {`;
  out += errors.map((e) => `{${cstr(e.message)},\n     {${(e.locations || []).map((l) => `{${l.line}, ${l.column}}`).join(', ')}}}`).join(',\n    ');
  out += '}},\n';
}
if (process.argv[2] === '--schemas') {
  for (const [k, sdl] of Object.entries(schemas)) console.log(`const char* const ${k} = R"(${sdl})";`);
} else {
  process.stdout.write(out);
}
