// The validation cases: [name, query, maxErrors?]. Expected results come from
// graphql-js (see validation_cases.js). The name prefix is the rule proved.
'use strict';
module.exports = [
  // ---- ExecutableDefinitions
  ['ExecutableDefinitions_valid', 'query Foo { dog { name } } fragment Frag on Dog { name }'],
  ['ExecutableDefinitions_typeDefs', `query Foo { dog { name } }
type Cow { name: String }
extend type Dog { color: String }`],
  ['ExecutableDefinitions_schemaDefs', `schema { query: QueryRoot }
extend schema @directive
directive @foo on FIELD
{ dog { name } }`],

  // ---- UniqueOperationNames
  ['UniqueOperationNames_valid', 'query Foo { dog { name } } query Bar { dog { name } } { dog { name } }'],
  ['UniqueOperationNames_duplicates', 'query Foo { dog { name } } mutation Foo { setName(name: "a") { name } } subscription Foo { newDog { name } }'],
  ['UniqueOperationNames_fragmentSameName', 'query Foo { dog { ...Foo } } fragment Foo on Dog { name }'],

  // ---- LoneAnonymousOperation
  ['LoneAnonymousOperation_valid', '{ dog { name } } fragment F on Dog { name }'],
  ['LoneAnonymousOperation_multiple', '{ dog { name } } { cat { name } } query Named { dog { name } }'],
  ['LoneAnonymousOperation_withMutation', '{ dog { name } } mutation { setName(name: "x") { name } }'],

  // ---- SingleFieldSubscriptions
  ['SingleFieldSubscriptions_valid', 'subscription ImportantEmails { newDog { name } }'],
  ['SingleFieldSubscriptions_fragment', 'subscription Sub { ...F } fragment F on SubscriptionRoot { newDog { name } }'],
  ['SingleFieldSubscriptions_twoFields', 'subscription Sub { newDog { name } newCat { name } }'],
  ['SingleFieldSubscriptions_anonymousMany', 'subscription { newDog { name } newCat { name } extra: newDog { name } __typename }'],
  ['SingleFieldSubscriptions_introspection', 'subscription Sub { __typename }'],
  ['SingleFieldSubscriptions_anonIntrospection', 'subscription { __typename t2: __typename }'],
  ['SingleFieldSubscriptions_viaFragments', `subscription Sub { ...A ...A ... on SubscriptionRoot { newCat { name } } }
fragment A on SubscriptionRoot { newDog { name } n2: newDog { name } }`],
  ['SingleFieldSubscriptions_skipInclude', 'subscription Sub { newDog @skip(if: true) { name } newCat @include(if: false) { name } d: newDog @include(if: true) { name } }'],
  ['SingleFieldSubscriptions_skipVariable', 'subscription Sub($v: Boolean!) { newDog @skip(if: $v) { name } newCat { name } }'],
  ['SingleFieldSubscriptions_wrongFragmentType', 'subscription Sub { newDog { name } ... on QueryRoot { dog { name } } ...Q } fragment Q on QueryRoot { cat { name } }'],

  // ---- KnownTypeNames
  ['KnownTypeNames_valid', 'query Foo($var: String, $required: [Int!]!) { human(id: 4) { pets { ... on Pet { name }, ...PetFields, ... { name } } } } fragment PetFields on Pet { name }'],
  ['KnownTypeNames_unknown', 'query Foo($var: [JumbledUpLetters!]!) { human(id: 4) { name pets { ... on Badger { name }, ...PetFields } } } fragment PetFields on Peat { name }'],
  ['KnownTypeNames_suggestions', 'query ($a: Strin, $b: Doge, $c: compleXInput, $d: Boolen) { dog { name } }'],
  ['KnownTypeNames_sdlStandardNames', `type T { a: String b: Float c: __Type d: Unknown e: Dgo }
{ dog { name } }`],
  ['KnownTypeNames_docDefinedType', `type Cow { name: String }
query ($a: Cow, $b: Cwo) { dog { name } }`],

  // ---- FragmentsOnCompositeTypes
  ['FragmentsOnCompositeTypes_valid', 'fragment a on Dog { barks } fragment b on Pet { name } fragment c on CatOrDog { __typename } { dog { ...a } pet { ...b } catOrDog { ...c ... on Cat { meows } ... { __typename } } }'],
  ['FragmentsOnCompositeTypes_scalar', '{ dog { ...s } } fragment s on Boolean { bad }'],
  ['FragmentsOnCompositeTypes_enumAndInput', 'fragment e on FurColor { bad } fragment i on ComplexInput { stringField } { dog { name } }'],
  ['FragmentsOnCompositeTypes_inline', '{ dog { ... on String { meowVolume } } }'],

  // ---- VariablesAreInputTypes
  ['VariablesAreInputTypes_valid', 'query Foo($a: Unknown, $b: [[ComplexInput!]]!, $c: FurColor, $d: JSON) { dog { name } }'],
  ['VariablesAreInputTypes_output', 'query Foo($a: Dog, $b: [[CatOrDog!]]!, $c: Pet) { dog { name } }'],

  // ---- ScalarLeafs
  ['ScalarLeafs_valid', '{ dog { barks name } human { name } }'],
  ['ScalarLeafs_missingSelection', 'query directQueryOnObjectWithoutSubFields { human } { dog } { human { pets } }'],
  ['ScalarLeafs_leafWithSelection', '{ dog { barks { sinceWhen } } } { dog { doesKnowCommand(dogCommand: SIT) { reason } } }'],
  ['ScalarLeafs_enumWithSelection', '{ cat { furColor { inHexDec } } }'],

  // ---- FieldsOnCorrectType
  ['FieldsOnCorrectType_valid', 'fragment f on Dog { name __typename tn: __typename } fragment g on Pet { name } fragment h on CatOrDog { __typename ... on Dog { barks } } { dog { ...f } pet { ...g } catOrDog { ...h } __schema { queryType { name } } __type(name: "Dog") { name } }'],
  ['FieldsOnCorrectType_unknownField', '{ dog { meowVolume } }'],
  ['FieldsOnCorrectType_typo', '{ dog { nam barkvolume mothr } }'],
  ['FieldsOnCorrectType_aliased', '{ dog { tvolume: barkVolumee } }'],
  ['FieldsOnCorrectType_unknownDeep', '{ dog { unknown_field { deeper_unknown_field } } }'],
  ['FieldsOnCorrectType_interface', '{ pet { nickname barks meows unknown } }'],
  ['FieldsOnCorrectType_union', '{ catOrDog { name nickname mother directField } }'],
  ['FieldsOnCorrectType_mammalSupertypes', '{ mammal { name barkVolume } canine { name barks nickname } }'],
  ['FieldsOnCorrectType_metaOffQuery', '{ dog { __schema { queryType { name } } __type(name: "x") { name } } }'],
  ['FieldsOnCorrectType_root', '{ unknownRoot dogs humen }'],

  // ---- UniqueFragmentNames
  ['UniqueFragmentNames_valid', '{ dog { ...A ...B } } fragment A on Dog { name } fragment B on Dog { barks }'],
  ['UniqueFragmentNames_duplicates', '{ dog { ...A } } fragment A on Dog { name } fragment A on Dog { barks } fragment A on Dog { nickname }'],

  // ---- KnownFragmentNames
  ['KnownFragmentNames_valid', '{ human(id: 4) { ...HumanFields1 ... on Human { ...HumanFields2 } } } fragment HumanFields1 on Human { name ...HumanFields3 } fragment HumanFields2 on Human { name } fragment HumanFields3 on Human { name }'],
  ['KnownFragmentNames_unknown', '{ human(id: 4) { ...UnknownFragment1 ... on Human { ...UnknownFragment2 } } } fragment HumanFields on Human { name ...UnknownFragment3 }'],

  // ---- NoUnusedFragments
  ['NoUnusedFragments_valid', 'query Foo { human(id: 4) { ...HumanFields1 } } query Bar { human(id: 4) { ...HumanFields2 } } fragment HumanFields1 on Human { name ...HumanFields3 } fragment HumanFields2 on Human { name } fragment HumanFields3 on Human { name }'],
  ['NoUnusedFragments_unused', 'query Foo { human(id: 4) { ...HumanFields1 } } fragment HumanFields1 on Human { name ...HumanFields3 } fragment HumanFields2 on Human { name } fragment HumanFields3 on Human { name } fragment Unused1 on Human { name } fragment Unused2 on Human { name ...Unused1 }'],
  ['NoUnusedFragments_cycleUnused', 'query Foo { human(id: 4) { ...HumanFields1 } } fragment HumanFields1 on Human { name } fragment Unused1 on Human { name ...Unused2 } fragment Unused2 on Human { name ...Unused1 }'],
  ['NoUnusedFragments_onlyFragments', 'fragment A on Dog { name } fragment B on Dog { ...A }'],

  // ---- PossibleFragmentSpreads
  ['PossibleFragmentSpreads_valid', `fragment objectWithinObject on Dog { ...dogFragment } fragment dogFragment on Dog { barkVolume }
fragment objectWithinInterface on Pet { ...dogFragment } fragment objectWithinUnion on CatOrDog { ...dogFragment }
fragment interfaceWithinObject on Dog { ...petFragment } fragment petFragment on Pet { name }
fragment unionWithinInterface on Pet { ...catOrDogFragment } fragment catOrDogFragment on CatOrDog { __typename }
{ dog { ...objectWithinObject ...interfaceWithinObject ... on Pet { name } } pet { ...objectWithinInterface ...unionWithinInterface } catOrDog { ...objectWithinUnion } }`],
  ['PossibleFragmentSpreads_invalid', `fragment invalidObjectWithinObject on Cat { ...dogFragment } fragment dogFragment on Dog { barkVolume }
fragment invalidInterfaceWithinObject on Cat { ... on Mammal { __typename } }
fragment invalidUnionWithinObject on Human { ...catOrDogFragment } fragment catOrDogFragment on CatOrDog { __typename }
fragment invalidObjectWithinUnion on CatOrDog { ... on Human { name } }
{ cat { ...invalidObjectWithinObject ...invalidInterfaceWithinObject } human { ...invalidUnionWithinObject } catOrDog { ...invalidObjectWithinUnion } }`],
  ['PossibleFragmentSpreads_unknownTypes', '{ dog { ...F ... on Unknown { name } } } fragment F on Unknown2 { name }'],

  // ---- NoFragmentCycles
  ['NoFragmentCycles_valid', '{ dog { ...fragA } } fragment fragA on Dog { ...fragB ...fragB } fragment fragB on Dog { name }'],
  ['NoFragmentCycles_self', '{ dog { ...fragA } } fragment fragA on Dog { ...fragA }'],
  ['NoFragmentCycles_selfInline', '{ dog { ...fragA } } fragment fragA on Pet { ... on Dog { ...fragA } }'],
  ['NoFragmentCycles_long', `{ dog { ...fragA } }
fragment fragA on Dog { ...fragB } fragment fragB on Dog { ...fragC } fragment fragC on Dog { ...fragD }
fragment fragD on Dog { ...fragE } fragment fragE on Dog { ...fragA }`],
  ['NoFragmentCycles_multiple', `{ dog { ...fragA } }
fragment fragA on Dog { ...fragB ...fragC } fragment fragB on Dog { ...fragA }
fragment fragC on Dog { ...fragA ...fragZ } fragment fragZ on Dog { ...fragX } fragment fragX on Dog { ...fragY ...fragZ } fragment fragY on Dog { ...fragC }`],
  ['NoFragmentCycles_unknownSpread', '{ dog { ...nameFragment } } fragment nameFragment on Dog { ...unknown name }'],

  // ---- UniqueVariableNames
  ['UniqueVariableNames_valid', 'query A($x: Int, $y: String) { dog { name } } query B($x: String, $y: Int) { dog { name } }'],
  ['UniqueVariableNames_duplicates', 'query A($x: Int, $x: Int, $x: String) { dog { name } } query B($x: String, $y: String, $x: Int, $y: Int) { dog { name } }'],

  // ---- NoUndefinedVariables
  ['NoUndefinedVariables_valid', 'query Foo($a: String, $b: String, $c: String) { field(a: $a, b: $b, c: $c) { field(a: $a) } }'],
  ['NoUndefinedVariables_undefined', 'query Foo($a: String, $b: String) { complicatedArgs { stringArgField(stringArg: $c) a: stringArgField(stringArg: $a) d: stringArgField(stringArg: $d) } }'],
  ['NoUndefinedVariables_anonymous', '{ complicatedArgs { intArgField(intArg: $a) } dog @include(if: $b) { name } }'],
  ['NoUndefinedVariables_viaFragments', `query Foo($a: Int) { dog { ...A } } query Bar { dog { ...A } }
fragment A on Dog { isAtLocation(x: $a, y: $b) ...B } fragment B on Dog { isAtLocation(x: $c) mother { ...A } }`],
  ['NoUndefinedVariables_repeated', 'query { a: dog { isAtLocation(x: $x, y: $x) } b: dog { isAtLocation(x: $x) } }'],
  ['NoUndefinedVariables_inList', 'query Q { complicatedArgs { stringListArgField(stringListArg: ["a", $v, $w]) complexArgField(complexArg: { requiredField: $r, stringListField: [$s] }) } }'],

  // ---- NoUnusedVariables
  ['NoUnusedVariables_valid', 'query ($a: Int, $b: Int) { dog { isAtLocation(x: $a) ...F } } fragment F on Dog { isAtLocation(y: $b) }'],
  ['NoUnusedVariables_unused', 'query Foo($a: String, $b: Int, $c: Int) { dog { isAtLocation(x: $b) } }'],
  ['NoUnusedVariables_anonymous', 'query ($a: String, $b: Int) { dog { name } }'],
  ['NoUnusedVariables_fragmentNotUsedByOp', `query Foo($a: Int, $b: Int) { dog { ...A } }
fragment A on Dog { isAtLocation(x: $a) } fragment B on Dog { isAtLocation(y: $b) }`],

  // ---- KnownDirectives
  ['KnownDirectives_valid', 'query Q($v: Int @onVariable) @onQuery @rep { dog @include(if: true) { name @onField @skip(if: false) } ...F @rep ... @include(if: true) { __typename } } fragment F on QueryRoot { __typename }'],
  ['KnownDirectives_unknown', '{ dog @unknown(directive: "value") { name @unknown2 } }'],
  ['KnownDirectives_misplaced', `query Foo($var: Boolean @onField) @include(if: true) @onField {
  name: dog @onQuery @include(if: true) { name ... @onQuery { __typename } ...F @onVariable }
}
fragment F on Dog @onQuery { name }
mutation Bar @onQuery @onField { setName(name: "x") { name } }
subscription Baz @onQuery { newDog { name } }`],
  ['KnownDirectives_sdlLocations', `type T @onField @deprecated { f(a: Int @deprecated @onQuery): String @deprecated @specifiedBy(url: "x") }
input I @oneOf { f: Int @deprecated @onField }
extend input I2 { g: Int @onField }
enum E @onField { A @deprecated @onField }
scalar S @specifiedBy(url: "u") @onField
schema @onQuery { query: T }
union U @onField = T
interface In @onField { f: Int }
directive @def(a: Int @onField) on FIELD
{ dog { name } }`],
  ['KnownDirectives_docDefinedDirective', `directive @mine(a: Int!) on FIELD
{ dog @mine(a: 1) { name @mine(b: 2) } ... @mine { __typename } }`],

  // ---- UniqueDirectivesPerLocation
  ['UniqueDirectivesPerLocation_valid', '{ dog @onField { name @skip(if: true) @include(if: true) } d2: dog @rep @rep { name } }'],
  ['UniqueDirectivesPerLocation_duplicates', 'query Q @onQuery @onQuery { dog @onField @onField @onField { name @skip(if: true) @skip(if: false) @include(if: true) @include(if: true) } }'],
  ['UniqueDirectivesPerLocation_unknownRepeated', '{ dog @unknown @unknown { name } }'],
  ['UniqueDirectivesPerLocation_sdlShared', `{ dog { name } }
type T @deprecated { f: Int }
extend type T @deprecated
schema @onQuery { query: T }
extend schema @onQuery`],

  // ---- KnownArgumentNames
  ['KnownArgumentNames_valid', '{ dog { doesKnowCommand(dogCommand: SIT) isAtLocation(y: 1, x: 2) name @include(if: true) } __type(name: "Dog") { name } }'],
  ['KnownArgumentNames_unknownFieldArg', '{ dog { doesKnowCommand(unknown: true) isHouseTrained(atOtherHomes: true, atOtherHomesX: false) } }'],
  ['KnownArgumentNames_suggestions', '{ dog { doesKnowCommand(DogCommand: true) isAtLocation(X: 1, yy: 2, z: 3) } complicatedArgs { multipleOptAndReq(req: 1, opt: 2, op1: 3) } }'],
  ['KnownArgumentNames_directiveArgs', '{ dog @skip(iff: true) @include(unless: false) @withArgs(req: 1, ops: "a", reg: 2) { name } }'],
  ['KnownArgumentNames_unknownFieldAndDirective', '{ dog { unknown(a: 1) @unknown(b: 2) } cat @unknownDirective(x: 1) { name } }'],
  ['KnownArgumentNames_unknownDirectiveFallsBackToField', '{ complicatedArgs { intArgField(intArg: 1) @unknown(intArg: "wrong type", other: 1) } }'],
  ['KnownArgumentNames_metaField', '{ __type(name: "Dog", names: "x") { name } }'],

  // ---- UniqueArgumentNames
  ['UniqueArgumentNames_valid', '{ dog { isAtLocation(x: 1, y: 2) @withArgs(req: 1, opt: "x") } }'],
  ['UniqueArgumentNames_duplicates', '{ dog { isAtLocation(x: 1, x: 2, y: 1, x: 3) @withArgs(req: 1, req: 2) } }'],

  // ---- ValuesOfCorrectType
  ['ValuesOfCorrectType_validScalars', `{ complicatedArgs {
  intArgField(intArg: 2) stringArgField(stringArg: "s") booleanArgField(booleanArg: true)
  enumArgField(enumArg: BROWN) floatArgField(floatArg: 1.1) a: floatArgField(floatArg: 1)
  idArgField(idArg: "x") b: idArgField(idArg: 1) nonNullIntArgField(nonNullIntArg: -2147483648)
  jsonArgField(json: {a: [1, "x", {b: null}], c: $v})
  stringListArgField(stringListArg: ["one", null, "two"]) c: stringListArgField(stringListArg: "single")
  complexArgField(complexArg: { requiredField: true, intField: 4 })
  oneOfArgField(oneOfArg: { stringField: "abc" })
} dog { isHouseTrained(atOtherHomes: null) } }`],
  ['ValuesOfCorrectType_invalidInt', `{ complicatedArgs {
  a: intArgField(intArg: "3") b: intArgField(intArg: 829384293849283498239482938) c: intArgField(intArg: FOO)
  d: intArgField(intArg: 3.0) e: intArgField(intArg: 3.333) f: intArgField(intArg: true) g: intArgField(intArg: 2147483648)
} }`],
  ['ValuesOfCorrectType_invalidOtherScalars', `{ complicatedArgs {
  a: stringArgField(stringArg: 1) b: stringArgField(stringArg: 1.0) c: stringArgField(stringArg: true) d: stringArgField(stringArg: BAR)
  e: floatArgField(floatArg: "3.333") f: floatArgField(floatArg: true) g: floatArgField(floatArg: FOO)
  h: booleanArgField(booleanArg: 2) i: booleanArgField(booleanArg: "true") j: booleanArgField(booleanArg: TRUE)
  k: idArgField(idArg: 1.0) l: idArgField(idArg: true) m: idArgField(idArg: SOMETHING)
} }`],
  ['ValuesOfCorrectType_invalidEnum', `{ dog {
  a: doesKnowCommand(dogCommand: 2) b: doesKnowCommand(dogCommand: 1.0) c: doesKnowCommand(dogCommand: "SIT")
  d: doesKnowCommand(dogCommand: true) e: doesKnowCommand(dogCommand: JUGGLE) f: doesKnowCommand(dogCommand: sit)
  g: doesKnowCommand(dogCommand: [SIT]) h: doesKnowCommand(dogCommand: {a: SIT}) i: doesKnowCommand(dogCommand: HEELL)
} }`],
  ['ValuesOfCorrectType_lists', `{ complicatedArgs {
  a: stringListArgField(stringListArg: ["one", 2]) b: stringListArgField(stringListArg: 1)
  c: stringListNonNullArgField(stringListNonNullArg: ["a", null]) d: stringListArgField(stringListArg: [["nested"]])
} }`],
  ['ValuesOfCorrectType_nullToNonNull', '{ complicatedArgs { nonNullIntArgField(nonNullIntArg: null) multipleReqs(req1: null, req2: 1) } }'],
  ['ValuesOfCorrectType_inputObjects', `{ complicatedArgs {
  a: complexArgField(complexArg: { intField: 4 })
  b: complexArgField(complexArg: { stringListField: ["one", 2], requiredField: true })
  c: complexArgField(complexArg: { requiredField: true, invalidField: "value", strngField: "x", booleanFeld: true })
  d: complexArgField(complexArg: "notAnObject")
  e: complexArgField(complexArg: [{ requiredField: true }])
  f: complexArgField(complexArg: { requiredField: true, nonNullField: null })
} }`],
  ['ValuesOfCorrectType_objectOnScalar', '{ complicatedArgs { intArgField(intArg: { a: 1 }) stringArgField(stringArg: [1]) } }'],
  ['ValuesOfCorrectType_oneOf', `{ complicatedArgs {
  a: oneOfArgField(oneOfArg: { stringField: "abc", intField: 123 })
  b: oneOfArgField(oneOfArg: { stringField: null })
  c: oneOfArgField(oneOfArg: {})
  d: oneOfArgField(oneOfArg: { intField: "x" })
} }`],
  ['ValuesOfCorrectType_variableDefaults', `query WithDefaults($a: Int = 1, $b: String = 2, $c: ComplexInput = { requiredField: true, intField: "x" }, $d: Int! = null, $e: [String] = ["ok", 3], $f: FurColor = BLUE) {
  dog { name }
}`],
  ['ValuesOfCorrectType_directiveArgs', '{ dog @include(if: "yes") @skip(if: ENUM) { name @withArgs(req: "1", opt: 2) } }'],
  ['ValuesOfCorrectType_unknownArgSkipsValue', '{ dog { isHouseTrained(unknownArg: "x", atOtherHomes: "no") } }'],
  // Block strings print as block strings in messages (graphql-js printForError).
  ['ValuesOfCorrectType_blockString', '{ complicatedArgs { enumArgField(enumArg: """multi\n  line\n""") complexArgField(complexArg: ["""a""", {x: """ lead"""}, """q\\""""""]) } }'],

  // ---- ProvidedRequiredArguments
  ['ProvidedRequiredArguments_valid', '{ complicatedArgs { multipleReqs(req1: 1, req2: 2) nonNullFieldWithDefault multipleOpts multipleOptAndReq(req1: 1, req2: 2) } dog { name @withArgs(req: 1) } }'],
  ['ProvidedRequiredArguments_missing', '{ complicatedArgs { multipleReqs(req2: 2) a: multipleReqs b: nonNullIntArgField(unknown: 1) } }'],
  ['ProvidedRequiredArguments_directives', '{ dog @include @skip(unless: true) { name @withArgs } }'],
  ['ProvidedRequiredArguments_docDirective', `directive @mine(a: Int!, b: [String!]!, c: Int! = 1, d: Int) on FIELD
{ dog @mine { name @mine(a: 1) } }`],
  ['ProvidedRequiredArguments_unknownField', '{ dog { unknown(x: 1) } }'],

  // ---- VariablesInAllowedPosition
  ['VariablesInAllowedPosition_valid', `query Q($b: Boolean, $nb: Boolean!, $s: String, $l: [String], $ln: [String!]!, $i: Int = 1, $c: ComplexInput, $o: String!, $d: Int) {
  dog @include(if: $nb) { isHouseTrained(atOtherHomes: $b) isAtLocation(x: $i) }
  complicatedArgs {
    booleanArgField(booleanArg: $nb) stringListArgField(stringListArg: $ln) a: stringListArgField(stringListArg: $l)
    b: stringListArgField(stringListArg: [$s]) nonNullIntArgField(nonNullIntArg: $i) complexArgField(complexArg: $c)
    nonNullFieldWithDefault(arg: $d) oneOfArgField(oneOfArg: { stringField: $o })
  }
}`],
  ['VariablesInAllowedPosition_invalid', `query Q($b: Boolean, $i: Int, $s: String, $l: [String], $si: [Int], $bNull: Boolean = null) {
  dog @include(if: $b) { isHouseTrained(atOtherHomes: $s) }
  complicatedArgs {
    nonNullIntArgField(nonNullIntArg: $i) stringListNonNullArgField(stringListNonNullArg: $l)
    stringListArgField(stringListArg: $s) a: stringListArgField(stringListArg: $si) b: stringListArgField(stringListArg: [$i])
    booleanArgField(booleanArg: $s) c: nonNullIntArgField(nonNullIntArg: $bNull)
  }
}`],
  ['VariablesInAllowedPosition_viaFragment', `query Q($i: Int, $s: String) { complicatedArgs { ...F } dog { ...G } }
fragment F on ComplicatedArgs { nonNullIntArgField(nonNullIntArg: $i) }
fragment G on Dog { isAtLocation(x: $s) }`],
  ['VariablesInAllowedPosition_oneOfNullable', 'query Q($s: String, $t: String = "x") { complicatedArgs { oneOfArgField(oneOfArg: { stringField: $s }) a: oneOfArgField(oneOfArg: { stringField: $t }) } }'],
  ['VariablesInAllowedPosition_interfaceSubtype', 'query Q($x: Boolean! = true, $y: Int! = 3) { dog @skip(if: $x) { name } complicatedArgs { intArgField(intArg: $y) } }'],

  // ---- OverlappingFieldsCanBeMerged (through the validator)
  ['OverlappingFields_valid', 'fragment f on Dog { name nickname otherName: name } { dog { ...f name } }'],
  ['OverlappingFields_aliasConflict', '{ dog { fido: name fido: nickname } }'],
  ['OverlappingFields_argsConflict', '{ dog { doesKnowCommand(dogCommand: SIT) doesKnowCommand(dogCommand: HEEL) } }'],
  ['OverlappingFields_nested', '{ dog { x: mother { name } x: father { name } } dog { mother { name: nickname } mother { name } } }'],

  // ---- UniqueInputFieldNames
  ['UniqueInputFieldNames_valid', '{ complicatedArgs { complexArgField(complexArg: { requiredField: true, intField: 1 }) jsonArgField(json: { a: { a: 1 }, b: { a: 2 } }) } }'],
  ['UniqueInputFieldNames_duplicates', '{ complicatedArgs { complexArgField(complexArg: { requiredField: true, intField: 1, intField: 2, intField: 3 }) jsonArgField(json: { a: { x: 1, x: 2 }, a: 3 }) } }'],

  // ---- MaxIntrospectionDepth (part of specifiedRules in 16.15)
  ['MaxIntrospectionDepth_valid', '{ __schema { types { fields { type { fields { name } } } } } }'],
  ['MaxIntrospectionDepth_tooDeep', '{ __schema { types { fields { type { fields { type { fields { name } } } } } } } }'],
  ['MaxIntrospectionDepth_viaFragments', `{ __type(name: "Dog") { ...A } }
fragment A on __Type { fields { type { ...B } } }
fragment B on __Type { interfaces { ...C } }
fragment C on __Type { possibleTypes { name } }`],
  ['MaxIntrospectionDepth_nestedReportedOnce', '{ __schema { types { fields { type { inputFields { type { __type(name: "x") { fields { interfaces { possibleTypes { name } } } } } } } } } } }'],
  ['MaxIntrospectionDepth_cycle', '{ __schema { types { ...T } } } fragment T on __Type { name ofType { ...T } }'],

  // ---- quirks, each checked against graphql-js
  ['Quirk_docDirectivesInSDL', `{ dog { name } }
directive @d(a: Int!, a: String!, b: [Int] = null) repeatable on OBJECT | FIELD_DEFINITION | INPUT_FIELD_DEFINITION | ARGUMENT_DEFINITION
type T @d @d(a: 1, c: 2) { f(x: Int @d(a: "s")): Int @d(b: [1, "x"]) }
extend input I2 { g: Int @d(a: 1) @deprecated(reason: 1) }
input I3 { g: Int @d(a: 1) @deprecated(reason: 1) @deprecated }
extend type T @d(a: 1)`],
  ['Quirk_docDirectiveOverridesSchema', `directive @skip(other: Int) on FIELD
{ dog @skip { name @skip(other: "x", if: true) } }`],
  ['Quirk_docDirectiveRepeatable', `directive @include(if: Boolean!) repeatable on FIELD | QUERY
query @include(if: true) @include(if: false) { dog @include(if: true) @include(if: true) { name } }`],
  ['Quirk_oneOfVariables', 'query Q($c: Int) { complicatedArgs { oneOfArgField(oneOfArg: {intField: $c}) a: oneOfArgField(oneOfArg: {intField: $c, stringField: $d}) } }'],
  ['Quirk_oneOfDefaults', 'query Q($a: [Int!] = [1, null], $b: OneOfInput = {intField: null}, $c: OneOfInput! = {intField: 1, stringField: "x"}) { complicatedArgs { oneOfArgField(oneOfArg: $c) a: oneOfArgField(oneOfArg: $b) } }'],
  ['Quirk_abstractSpreads', '{ dog { ...on Dog { ... { ... on Pet { name } } } } catOrDog { ... on Pet { name } ... on Canine { name } ... on Human { name } ... on Mammal { mother { name } } } }'],
  ['Quirk_metaFieldArgs', '{ __type(name: 1) { name } __schema { types { name fields(includeDeprecated: "yes") { name } } } }'],
  ['Quirk_duplicateNamesEverywhere', 'query A { dog { name } } query A { dog { name } } fragment A on Dog { name } fragment A on Dog { barks } { dog { ...A } }'],
  ['SingleFieldSubscriptions_variableSkipThrows', 'query Q { dog { unknown } } subscription S($v: Boolean) { newDog { name } newCat @include(if: $v) { name } }'],
  ['SingleFieldSubscriptions_nullIf', 'subscription { newDog @skip(if: null) { name } }'],
  ['SingleFieldSubscriptions_listIf', 'subscription { newDog @skip(if: [true]) { name } }'],
  ['SingleFieldSubscriptions_missingIf', 'subscription { newDog @include { name } }'],
  ['SingleFieldSubscriptions_inlineAndTypename', 'subscription S { ... on SubscriptionRoot { newDog { name } } ... on SubscriptionRoot { newDog { name } newCat { name } } __typename }'],
  ['SingleFieldSubscriptions_duplicateFragmentLastWins', 'subscription S { ...X ...X } fragment X on SubscriptionRoot { newDog { name } newCat { name } } fragment X on SubscriptionRoot { __typename }'],
  ['VariablesInAllowedPosition_defaults', 'query Q($a: Int! = 1, $b: Int = null, $c: Boolean = true) { complicatedArgs { nonNullIntArgField(nonNullIntArg: $a) a: nonNullIntArgField(nonNullIntArg: $b) b: nonNullFieldWithDefault(arg: $b) } dog @skip(if: $c) { isHouseTrained(atOtherHomes: $c) } }'],
  ['VariablesInAllowedPosition_lists', 'query Q($l: [Int], $ln: [Int!], $nl: [Int]!) { complicatedArgs { stringListArgField(stringListArg: $l) a: stringListNonNullArgField(stringListNonNullArg: $ln) b: stringListArgField(stringListArg: [$ln]) c: stringListArgField(stringListArg: $nl) } }'],
  ['VariablesInAllowedPosition_outputTypes', 'query Q($d: Dog, $p: [Pet!]) { dog { isAtLocation(x: $d, y: $p) } }'],

  // ---- ordering across rules and limits
  ['Order_manyRulesAtOnce', `query Q($v: Unknown, $v: Int, $u: Dog) @onField {
  dog(x: 1) @include(if: $w) { name(surname: "no") { x } barks meow ...Missing ... on Cat { meows } }
  complicatedArgs { multipleReqs(req1: 1) intArgField(intArg: "s", intArg: 1) complexArgField(complexArg: { intField: 1, intField: 2 }) }
}
fragment Unused on Dog { ...Unused }
query Q { __typename }
{ dog }`],
  ['MaxErrors_limit', '{ a b c d e }', 3],
  ['MaxErrors_exact', '{ a b c }', 3],
  ['MaxErrors_zero', '{ a }', 0],
  ['MaxErrors_validIsEmpty', '{ dog { name } }', 0],
];
