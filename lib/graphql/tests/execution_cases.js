// Generates the graphql-js expectations in execution_cases.inc (run:
//   node lib/graphql/tests/execution_cases.js > lib/graphql/tests/execution_cases.inc
// with graphql-js 16.15 from third_party/js/node_modules). Each case runs
// graphql-js's execute() (no validation, so run-time checks are reachable)
// and records JSON.stringify of the result.
const path = require('path');
const gql = require(path.join(__dirname, '../../../third_party/js/node_modules/graphql'));

const SDL = `
scalar Json
enum Color { RED GREEN BLUE }
interface Node { id: ID! }
type Ship implements Node { id: ID! name: String speed: Float tags: [String!] fail: String }
type Station implements Node { id: ID! name: String crew: Int }
union Thing = Ship | Station
input Inner { a: Int! b: [Int] }
input Filter { name: String minSpeed: Float = 1.5 color: Color ids: [ID!] nested: Inner }
input One @oneOf { a: Int b: String }
type Query {
  int: Int nnInt: Int! float: Float str: String bool: Boolean id: ID json: Json
  color: Color colors: [Color]
  list: [Int] nnList: [Int!] listNn: [Int]! matrix: [[Int]]
  ship: Ship ships: [Ship] nnShip: Ship! shipsNn: [Ship!]
  node: Node nodes: [Node] thing: Thing things: [Thing]
  echo(i: Int, s: String, f: Float, b: Boolean, c: Color, l: [Int], filter: Filter, id: ID, o: One, d: Int = 7): String
  req(nn: Int!): String
  fail: String
  failNn: Int!
}`;

const schema = gql.buildSchema(SDL);
const q = schema.getQueryType().getFields();
q.echo.resolve = (_s, args) => JSON.stringify(args);
q.req.resolve = (_s, args) => JSON.stringify(args);
q.fail.resolve = () => { throw new Error('boom'); };
q.failNn.resolve = () => { throw new Error('boom'); };
schema.getType('Ship').getFields().fail.resolve = () => { throw new Error('boom'); };

const ship = (id, extra = {}) => ({ __typename: 'Ship', id, name: 'ship' + id, speed: 2.5, tags: ['a', 'b'], ...extra });
const station = (id) => ({ __typename: 'Station', id, name: 'st' + id, crew: 3 });

// [name, requirement, query, root, variables, operationName]
const cases = [
  ['LeafScalars', 'scalars from the root value', '{ int float str bool id }', { int: 1, float: 1.5, str: 's', bool: true, id: 5 }],
  ['AliasesKeepSelectionOrder', 'response keys in selection order, aliases', '{ b: str a: int str }', { int: 1, str: 'x' }],
  ['MissingRootFieldsAreNull', 'absent properties resolve to null', '{ int str list ship { id } }', {}],
  ['TypenameEverywhere', '__typename on root, objects and abstract types', '{ __typename ship { __typename } node { __typename } things { __typename } }', { ship: ship(1), node: station(2), things: [ship(3), station(4)] }],
  ['IntSerializeNonInteger', 'Int result coercion message', '{ int }', { int: 1.5 }],
  ['IntSerializeOutOfRange', 'Int 32-bit range on output', '{ int }', { int: 3000000000 }],
  ['IntSerializeFromString', 'Int from a numeric string', '{ int }', { int: '12' }],
  ['FloatSerializeFromInt', 'Float result of an integer', '{ float }', { float: 2 }],
  ['StringSerializeObject', 'String cannot represent an object', '{ str }', { str: { a: 1, b: [1, 2] } }],
  ['StringSerializeNumberAndBool', 'String of number and boolean', '{ a: str b: bool }', { str: 12.5, bool: 'x' }],
  ['IdSerialize', 'ID from int and string', '{ id }', { id: 12 }],
  ['CustomScalarIdentity', 'custom scalar passes values through', '{ json }', { json: { a: [1, 'x', null], b: { c: true } } }],
  ['NonNullRootNullsData', 'Cannot return null for non-nullable field', '{ int nnInt }', { int: 1 }],
  ['NonNullNestedPropagates', 'null propagation to the nearest nullable parent', '{ ship { id name } str }', { ship: { name: 'x' }, str: 's' }],
  ['NonNullObjectAtRoot', 'non-null object field failing nulls data', '{ str nnShip { id } }', { str: 's', nnShip: { id: null } }],
  ['Lists', 'lists complete item by item', '{ list nnList listNn matrix }', { list: [1, null, 3], nnList: [1, 2], listNn: [null], matrix: [[1], [], null, [2, 3]] }],
  ['ListNotIterable', 'Expected Iterable error', '{ list str }', { list: 5, str: 's' }],
  ['StringIsNotIterable', 'a string is not a list', '{ list }', { list: 'abc' }],
  ['NonNullListItem', 'null item in [Int!] nulls the list', '{ nnList list }', { nnList: [1, null, 3], list: [1] }],
  ['NullForListNonNull', 'null for [Int]!', '{ str listNn }', { str: 's' }],
  ['ListItemErrorsKeepGoing', 'item errors in nullable lists each reported', '{ list }', { list: [1, 'x', 2.5, 4] }],
  ['EnumSerialize', 'enum results by name', '{ color colors }', { color: 'GREEN', colors: ['RED', 'PURPLE', 1, 'BLUE'] }],
  ['ObjectsInLists', 'objects in lists, nested paths', '{ ships { id name tags } shipsNn { id } }', { ships: [ship(1), null, ship(2, { tags: ['a', null] })], shipsNn: [ship(3), ship(4)] }],
  ['NonNullInListOfNonNull', 'error in [Ship!] element nulls the list', '{ shipsNn { id name } }', { shipsNn: [ship(1), { name: 'no id' }, ship(3)] }],
  ['ScalarParentDefaultResolver', 'default resolver on a non-object parent gives null', '{ ship { name } }', { ship: 5 }],
  ['InterfaceFragments', 'inline fragments with type conditions on an interface', '{ node { id ... on Ship { name speed } ... on Station { crew } } nodes { id ... on Station { crew } } }', { node: ship(1), nodes: [ship(2), station(3)] }],
  ['UnionFragments', 'fragment spreads on a union and an interface', 'query { things { ...S ... on Node { id } } } fragment S on Station { name crew }', { things: [ship(1), station(2)] }],
  ['AbstractWithoutTypename', 'resolveType default error', '{ node { id } }', { node: { id: 1 } }],
  ['AbstractUnknownType', 'resolved to a type that does not exist', '{ node { id } }', { node: { __typename: 'Nope', id: 1 } }],
  ['AbstractNonObjectType', 'resolved to a non-object type', '{ thing { __typename } }', { thing: { __typename: 'Node' } }],
  ['AbstractNotPossible', 'runtime type not a possible type', '{ node { id } }', { node: { __typename: 'Query' } }],
  ['AbstractTypenameNotString', '__typename that is not a string', '{ thing { __typename } }', { thing: { __typename: 5 } }],
  ['FieldMerging', 'same response key merged, sub-selections combined', '{ ship { id } ship { name } ... on Query { ship { speed } } }', { ship: ship(1) }],
  ['FragmentSpreadOnce', 'a fragment spread twice is collected once', 'query { ...F ...F ship { ...G } } fragment F on Query { str } fragment G on Ship { id ...G2 } fragment G2 on Ship { name }', { str: 's', ship: ship(1) }],
  ['FragmentTypeMismatch', 'fragments whose type does not apply are skipped', '{ ship { ... on Station { crew } id } }', { ship: ship(1) }],
  ['SkipInclude', '@skip and @include with literals', '{ a: int @skip(if: true) b: int @skip(if: false) c: int @include(if: false) d: int @include(if: true) e: int @skip(if: true) @include(if: true) ... on Query @skip(if: true) { str } }', { int: 1, str: 's' }],
  ['SkipIncludeVariables', '@skip and @include with variables', 'query ($s: Boolean!, $i: Boolean!) { a: int @skip(if: $s) b: int @include(if: $i) ...F @include(if: $i) } fragment F on Query { str }', { int: 1, str: 's' }, { s: true, i: true }],
  ['SkipOneOfMergedFields', 'a skipped field node does not hide its included twin', '{ int @skip(if: true) int }', { int: 1 }],
  ['ResolverError', 'resolver exceptions become field errors', '{ fail str }', { str: 's' }],
  ['ResolverErrorNonNull', 'a failing non-null field nulls data', '{ str failNn }', { str: 's' }],
  ['ResolverErrorNested', 'field errors carry the full path', '{ ships { id fail } }', { ships: [ship(1), ship(2)] }],
  ['MergedFieldLocations', 'an error lists every merged field node', '{ fail\n  fail }', {}],
  ['ErrorOrder', 'errors in execution order', '{ a: fail list ship { fail } b: int }', { list: [1, 'x'], ship: ship(1), int: 1.5 }],
  // Operation selection
  ['OperationByName', 'the named operation runs', 'query A { int } query B { str }', { int: 1, str: 's' }, undefined, 'B'],
  ['OperationNameRequired', 'several operations need a name', 'query A { int } query B { str }', {}],
  ['OperationUnknown', 'unknown operation name', 'query A { int }', {}, undefined, 'C'],
  ['OperationMissing', 'a document without operations', 'fragment F on Query { int }', {}],
  ['MutationNotConfigured', 'schema without a mutation type', 'mutation { int }', {}],
  ['SubscriptionNotConfigured', 'schema without a subscription type', 'subscription S { int }', {}],
  // Variables
  ['VarRequiredMissing', 'required variable not provided', 'query ($i: Int!) { echo(i: $i) }', {}, {}],
  ['VarNonNullNull', 'null for a non-null variable', 'query ($i: Int!) { echo(i: $i) }', {}, { i: null }],
  ['VarIntInvalid', 'Int variable from a string', 'query ($i: Int) { echo(i: $i) }', {}, { i: 'a' }],
  ['VarIntFractional', 'Int variable with a fraction', 'query ($i: Int) { echo(i: $i) }', {}, { i: 1.5 }],
  ['VarIntRange', 'Int variable outside 32 bits', 'query ($i: Int) { echo(i: $i) }', {}, { i: 3000000000 }],
  ['VarFloatFromInt', 'Float variable from an integer', 'query ($f: Float) { echo(f: $f) }', {}, { f: 3 }],
  ['VarFloatFromString', 'Float variable from a string', 'query ($f: Float) { echo(f: $f) }', {}, { f: '3' }],
  ['VarBooleanFromString', 'Boolean variable from a string', 'query ($b: Boolean) { echo(b: $b) }', {}, { b: 'true' }],
  ['VarStringFromNumber', 'String variable from a number', 'query ($s: String) { echo(s: $s) }', {}, { s: 1 }],
  ['VarIdFromInt', 'ID variable from an integer', 'query ($id: ID) { echo(id: $id) }', {}, { id: 7 }],
  ['VarIdFromFloat', 'ID variable from a float', 'query ($id: ID) { echo(id: $id) }', {}, { id: 7.5 }],
  ['VarListOfOne', 'a single value for a list variable', 'query ($l: [Int]) { echo(l: $l) }', {}, { l: 3 }],
  ['VarListItems', 'list items coerced, errors with index', 'query ($l: [Int]) { echo(l: $l) }', {}, { l: [1, 'x', null, 2.5] }],
  ['VarListNonNullItems', 'null item in [ID!]', 'query ($f: Filter) { echo(filter: $f) }', {}, { f: { ids: ['a', null] } }],
  ['VarEnumFromString', 'enum variable from its name', 'query ($c: Color) { echo(c: $c) }', {}, { c: 'RED' }],
  ['VarEnumUnknown', 'unknown enum value, with suggestion', 'query ($c: Color) { echo(c: $c) }', {}, { c: 'RDE' }],
  ['VarEnumNonString', 'enum variable from a number', 'query ($c: Color) { echo(c: $c) }', {}, { c: 1 }],
  ['VarEnumLowercase', 'enum value with the wrong case', 'query ($c: Color) { echo(c: $c) }', {}, { c: 'green' }],
  ['VarInputObjectDefaults', 'input object field defaults', 'query ($f: Filter) { echo(filter: $f) }', {}, { f: { name: 'n', color: 'BLUE', nested: { a: 1 } } }],
  ['VarInputObjectUnknownField', 'unknown input field, with suggestion', 'query ($f: Filter) { echo(filter: $f) }', {}, { f: { nam: 'x', zzz: 1 } }],
  ['VarInputObjectMissingField', 'missing required input field', 'query ($f: Filter) { echo(filter: $f) }', {}, { f: { nested: {} } }],
  ['VarInputObjectNotObject', 'input object from a non-object', 'query ($f: Filter) { echo(filter: $f) }', {}, { f: [1] }],
  ['VarInputObjectNestedPath', 'nested invalid value names its path', 'query ($f: Filter) { echo(filter: $f) }', {}, { f: { nested: { a: 'x', b: [1, 'y'] } } }],
  ['VarDefaultValue', 'variable default used when absent', 'query ($i: Int = 5, $l: [Int] = [1, 2]) { echo(i: $i, l: $l) }', {}, {}],
  ['VarExplicitNullOverDefault', 'explicit null beats the default', 'query ($i: Int = 5) { echo(i: $i) }', {}, { i: null }],
  ['VarSeveralErrors', 'all variable errors are reported in order', 'query ($a: Int!, $b: String!, $c: Color) { echo(i: $a, s: $b, c: $c) }', {}, { c: 'X' }],
  ['VarTooManyErrors', 'variable errors are capped at 50', 'query ($l: [Int]) { echo(l: $l) }', {}, { l: Array.from({ length: 60 }, (_, k) => 'x' + k) }],
  ['VarNotInputType', 'a variable of output type', 'query ($s: Ship) { int }', { int: 1 }, { s: {} }],
  ['VarUnknownType', 'a variable of an unknown type', 'query ($s: Nope) { int }', { int: 1 }, { s: {} }],
  ['VarOneOf', '@oneOf input with one key', 'query ($o: One) { echo(o: $o) }', {}, { o: { b: 'x' } }],
  ['VarOneOfTwoKeys', '@oneOf input with two keys', 'query ($o: One) { echo(o: $o) }', {}, { o: { a: 1, b: 'x' } }],
  ['VarOneOfNullKey', '@oneOf input with a null value', 'query ($o: One) { echo(o: $o) }', {}, { o: { a: null } }],
  ['VarOneOfEmpty', '@oneOf input with no key', 'query ($o: One) { echo(o: $o) }', {}, { o: {} }],
  ['VarOneOfInvalidKey', '@oneOf input whose only value is invalid', 'query ($o: One) { echo(o: $o) }', {}, { o: { a: 'x' } }],
  // Arguments
  ['ArgOneOfLiterals', '@oneOf literals: one key valid, two keys invalid', '{ x: echo(o: {a: 1}) y: echo(o: {a: 1, b: "x"}) z: echo(o: {b: null}) }', {}],
  ['ArgLiterals', 'argument literals coerced, defaults applied', '{ echo(i: 1, s: "x", f: 2, b: true, c: RED, l: 1, id: 5, filter: {name: "n", ids: "a", nested: {a: 1, b: 2}}) }', {}],
  ['ArgDefaultOnly', 'only the default argument is present', '{ echo }', {}],
  ['ArgExplicitNull', 'explicit null literal argument', '{ echo(i: null, d: null) }', {}],
  ['ArgRequiredMissing', 'required argument not provided', '{ req str }', { str: 's' }],
  ['ArgRequiredNull', 'null for a required argument', '{ req(nn: null) }', {}],
  ['ArgVariableNotProvided', 'required argument from an absent variable', 'query ($v: Int) { req(nn: $v) }', {}, {}],
  ['ArgVariableNull', 'required argument from a null variable', 'query ($v: Int) { req(nn: $v) }', {}, { v: null }],
  ['ArgVariableAbsentUsesDefault', 'absent variable lets the argument default apply', 'query ($v: Int) { echo(d: $v, i: $v) }', {}, {}],
  ['ArgInvalidLiteral', 'invalid literal argument', '{ echo(i: "x") }', {}],
  ['ArgInvalidEnumLiteral', 'invalid enum literal argument', '{ echo(c: PURPLE) }', {}],
  ['ArgNestedVariables', 'variables inside list and object literals', 'query ($a: Int, $n: String) { echo(l: [1, $a, $zz], filter: {name: $n, nested: {a: 2, b: [$a]}}) }', {}, { a: 4 }],
  ['ArgIntLiteralRange', 'Int literal outside 32 bits', '{ echo(i: 3000000000) }', {}],
  // Introspection on the query root
  ['IntrospectionTypename', '__schema and __type on the query root', '{ __schema { queryType { name } mutationType { name } } __type(name: "Color") { kind name enumValues { name } } }', {}],
];

function emit(c) {
  const [name, requirement, query, root, variables, operationName] = c;
  const document = gql.parse(query);
  const result = gql.execute({ schema, document, rootValue: root, variableValues: variables, operationName });
  const out = JSON.stringify(result);
  const raw = (s) => 'R"json(' + s + ')json"';
  console.log(`// ${requirement}`);
  console.log(`EXEC_CASE(${name}, ${raw(query)},`);
  console.log(`          ${raw(JSON.stringify(root ?? {}))},`);
  console.log(`          ${variables === undefined ? 'nullptr' : raw(JSON.stringify(variables))},`);
  console.log(`          ${operationName === undefined ? 'nullptr' : JSON.stringify(operationName)},`);
  console.log(`          ${raw(out)})`);
}

console.log('// Generated by execution_cases.js from graphql-js ' + gql.version + '; do not edit.');
console.log('#define EXEC_CASES_SDL ' + JSON.stringify(SDL.replace(/\n/g, ' ')));
cases.forEach(emit);
