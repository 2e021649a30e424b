// Seeded generator of random GraphQL cases: a schema (SDL), a document (valid
// or broken), variables and a root value, the last two as JSON text so that
// value edges JSON.parse accepts (1e400, lone surrogate escapes) reach both
// implementations unchanged. Same seed, same case.
//
//   import { generateCase } from './generate.mjs';
//   const c = generateCase(seed);  // {schema, query, variables, root, operation}

// ---- seeded random numbers ---------------------------------------------------

// mulberry32: small, fast, good enough for test-case choices.
export class Rng {
  constructor(seed) {
    this.s = seed >>> 0;
  }
  next() {
    let t = (this.s = (this.s + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n) {
    return Math.floor(this.next() * n);
  }
  range(lo, hi) {
    return lo + this.int(hi - lo + 1);
  }
  chance(p) {
    return this.next() < p;
  }
  pick(list) {
    return list[this.int(list.length)];
  }
  subset(list, p) {
    return list.filter(() => this.chance(p));
  }
}

// ---- JSON text with raw tokens --------------------------------------------------

// A JSON token written as is: numbers past double range, lone surrogates.
export class Raw {
  constructor(text) {
    this.text = text;
  }
}

export function jsonText(v) {
  if (v instanceof Raw) return v.text;
  if (Array.isArray(v)) return '[' + v.map(jsonText).join(',') + ']';
  if (v !== null && typeof v === 'object') {
    return '{' + Object.entries(v).map(([k, x]) => JSON.stringify(k) + ':' + jsonText(x)).join(',') + '}';
  }
  return JSON.stringify(v);
}

// ---- schema ------------------------------------------------------------------

const FIELD_NAMES = ['a', 'b', 'id', 'name', 'value', 'count', 'items', 'child', 'flag', 'kind', 'x', 'node', 'list', 'data'];
const ARG_NAMES = ['arg', 'n', 'filter', 'input', 'limit', 'name', 'on', 'first'];
const ENUM_VALUES = ['RED', 'GREEN', 'BLUE', 'ON', 'OFF', 'UNKNOWN', 'A', 'B'];
const BUILTIN = ['Int', 'Float', 'String', 'Boolean', 'ID'];

const named = (name) => ({ kind: 'NAMED', name });
const listOf = (of) => ({ kind: 'LIST', of });
const nonNull = (of) => ({ kind: 'NON_NULL', of });
export const typeStr = (t) => (t.kind === 'NAMED' ? t.name : t.kind === 'LIST' ? `[${typeStr(t.of)}]` : `${typeStr(t.of)}!`);
export const namedOf = (t) => (t.kind === 'NAMED' ? t.name : namedOf(t.of));

function wrap(rng, t, depth = 0) {
  if (depth < 2 && rng.chance(0.25)) t = listOf(wrap(rng, t, depth + 1));
  if (rng.chance(0.3)) t = nonNull(t);
  return t;
}

function description(rng) {
  if (!rng.chance(0.1)) return '';
  return rng.chance(0.5) ? `"${rng.pick(['the thing', 'volts', 'a \\"quoted\\" word', 'ünïcode'])}" ` : `"""\nblock ${rng.int(9)}\n"""\n`;
}

function genSchema(rng) {
  const s = { types: new Map(), order: [] };
  const add = (t) => {
    s.types.set(t.name, t);
    s.order.push(t.name);
  };
  const enums = [];
  for (let i = 0, n = rng.int(3); i < n; i++) {
    const values = rng.subset(ENUM_VALUES, 0.4);
    if (!values.length) values.push('ONLY');
    add({ kind: 'ENUM', name: `E${i}`, values, deprecated: rng.chance(0.2) ? values[0] : null });
    enums.push(`E${i}`);
  }
  const scalars = rng.chance(0.4) ? ['Json'] : [];
  for (const name of scalars) add({ kind: 'SCALAR', name });
  const leafNames = [...BUILTIN, ...enums, ...scalars];

  // Input objects refer only to earlier ones, so no non-null cycle can form.
  const inputs = [];
  for (let i = 0, n = rng.int(3); i < n; i++) {
    const fields = [];
    for (const fname of rng.subset(FIELD_NAMES, 0.2).slice(0, 4)) {
      const base = inputs.length && rng.chance(0.25) ? rng.pick(inputs) : rng.pick(leafNames);
      const type = wrap(rng, named(base));
      fields.push({ name: fname, type, defaultValue: rng.chance(0.15) ? null : undefined });
    }
    if (!fields.length) fields.push({ name: 'v', type: named('Int') });
    add({ kind: 'INPUT', name: `In${i}`, fields });
    inputs.push(`In${i}`);
  }
  const inputNames = [...leafNames, ...inputs];

  const objects = [];
  for (let i = 0, n = rng.range(1, 4); i < n; i++) objects.push(`T${i}`);
  const interfaces = [];
  for (let i = 0, n = rng.int(3); i < n; i++) interfaces.push(`I${i}`);
  const unions = [];
  for (let i = 0, n = rng.int(2); i < n; i++) unions.push(`U${i}`);
  const outputNames = [...leafNames, ...objects, ...interfaces, ...unions];

  const genArgs = () => {
    const args = [];
    if (!rng.chance(0.3)) return args;
    for (const aname of rng.subset(ARG_NAMES, 0.2).slice(0, 3)) {
      const type = wrap(rng, named(rng.pick(inputNames)));
      args.push({ name: aname, type, defaultValue: rng.chance(0.2) ? null : undefined, deprecated: false });
    }
    return args;
  };
  const genFields = (count) => {
    const fields = [];
    for (const fname of rng.subset(FIELD_NAMES, count / FIELD_NAMES.length)) {
      fields.push({ name: fname, type: wrap(rng, named(rng.pick(outputNames))), args: genArgs(), deprecated: rng.chance(0.05) });
    }
    if (!fields.length) fields.push({ name: 'id', type: named('ID'), args: [], deprecated: false });
    return fields;
  };
  for (const name of interfaces) add({ kind: 'INTERFACE', name, fields: genFields(2), interfaces: [] });
  for (const name of objects) {
    const impl = rng.subset(interfaces, 0.4);
    const fields = [];
    for (const iname of impl) {
      for (const f of s.types.get(iname).fields) if (!fields.some((g) => g.name === f.name)) fields.push({ ...f });
    }
    for (const f of genFields(3)) if (!fields.some((g) => g.name === f.name)) fields.push(f);
    // Two interfaces may disagree on a field's type: keep only those the object satisfies.
    const satisfied = (iname) => s.types.get(iname).fields.every((f) => fields.find((g) => g.name === f.name).type === f.type);
    add({ kind: 'OBJECT', name, fields, interfaces: impl.filter(satisfied) });
  }
  for (const name of unions) add({ kind: 'UNION', name, members: rng.subset(objects, 0.6) });
  for (const name of unions) if (!s.types.get(name).members.length) s.types.get(name).members.push(objects[0]);

  const queryFields = [];
  for (const name of [...objects, ...interfaces, ...unions, ...rng.subset(leafNames, 0.4)]) {
    queryFields.push({ name: name.toLowerCase(), type: wrap(rng, named(name)), args: genArgs(), deprecated: false });
  }
  for (const f of genFields(2)) if (!queryFields.some((g) => g.name === f.name)) queryFields.push(f);
  add({ kind: 'OBJECT', name: 'Query', fields: queryFields, interfaces: [] });
  if (rng.chance(0.2)) {
    add({ kind: 'OBJECT', name: 'Mutation', fields: genFields(2), interfaces: [] });
    s.mutation = 'Mutation';
  }
  return s;
}

function literalFor(rng, s, t, depth = 0) {
  if (t.kind === 'NON_NULL') return literalFor(rng, s, t.of, depth);
  if (t.kind === 'LIST') {
    if (rng.chance(0.3)) return literalFor(rng, s, t.of, depth + 1);
    const n = rng.int(3);
    return '[' + Array.from({ length: n }, () => literalFor(rng, s, t.of, depth + 1)).join(', ') + ']';
  }
  const type = s.types.get(t.name);
  if (rng.chance(0.04)) return 'null';
  if (rng.chance(0.04)) return rng.pick(['1', '"s"', 'true', 'RED', '1.5', '{}', '[]', '2147483648', '-0', '1e3']);
  switch (t.name) {
    case 'Int':
      return rng.pick(['0', '1', '-7', '2147483647', '-2147483648', String(rng.int(1000))]);
    case 'Float':
      return rng.pick(['0.5', '1', '-2.5e3', '1E-2', '3.0']);
    case 'String':
      return rng.pick(['"x"', '""', '"\\u00e9"', '"a\\nb"', '"""block\n  text"""', '"\\u{1F600}"']);
    case 'Boolean':
      return rng.pick(['true', 'false']);
    case 'ID':
      return rng.pick(['"1"', '7', '"abc"']);
    case 'Json':
      return rng.pick(['{a: [1, "x"]}', '1', '"s"', 'RED', '[true]']);
  }
  if (type.kind === 'ENUM') return rng.chance(0.9) ? rng.pick(type.values) : '"' + type.values[0] + '"';
  if (type.kind === 'INPUT') {
    if (depth > 3) return '{}';
    const parts = [];
    for (const f of type.fields) {
      if (f.type.kind === 'NON_NULL' ? rng.chance(0.95) : rng.chance(0.5)) parts.push(`${f.name}: ${literalFor(rng, s, f.type, depth + 1)}`);
    }
    if (rng.chance(0.05)) parts.push('zzz: 1');
    return '{' + parts.join(', ') + '}';
  }
  return 'null';
}

function printSchema(rng, s) {
  const out = [];
  const printArgs = (args) =>
    args.length
      ? '(' + args.map((a) => `${a.name}: ${typeStr(a.type)}${a.defaultValue !== undefined ? ' = ' + literalFor(rng, s, a.type) : ''}`).join(', ') + ')'
      : '';
  if (s.mutation || rng.chance(0.1)) out.push(`schema { query: Query${s.mutation ? ' mutation: Mutation' : ''} }`);
  for (const name of s.order) {
    const t = s.types.get(name);
    const d = description(rng);
    const fieldLines = (fields) =>
      fields.map((f) => `  ${description(rng)}${f.name}${printArgs(f.args)}: ${typeStr(f.type)}${f.deprecated ? ' @deprecated(reason: "old")' : ''}`).join('\n');
    switch (t.kind) {
      case 'SCALAR':
        out.push(`${d}scalar ${name}`);
        break;
      case 'ENUM':
        out.push(`${d}enum ${name} {\n${t.values.map((v) => `  ${v}${v === t.deprecated ? ' @deprecated' : ''}`).join('\n')}\n}`);
        break;
      case 'INPUT':
        out.push(
          `${d}input ${name} {\n${t.fields
            .map((f) => `  ${f.name}: ${typeStr(f.type)}${f.defaultValue !== undefined ? ' = ' + literalFor(rng, s, f.type) : ''}`)
            .join('\n')}\n}`,
        );
        break;
      case 'INTERFACE':
        out.push(`${d}interface ${name} {\n${fieldLines(t.fields)}\n}`);
        break;
      case 'OBJECT':
        out.push(`${d}type ${name}${t.interfaces.length ? ' implements ' + t.interfaces.join(' & ') : ''} {\n${fieldLines(t.fields)}\n}`);
        break;
      case 'UNION':
        out.push(`${d}union ${name} = ${t.members.join(' | ')}`);
        break;
    }
  }
  let sdl = out.join('\n\n') + '\n';
  // A few schemas are broken on purpose: both sides must refuse them.
  if (rng.chance(0.03)) {
    sdl += rng.pick(['type Bad { x: Missing }\n', 'type Query { again: Int }\n', 'union W = Int\n', 'input In9 { x: T0 }\n', 'type Empty\n', 'enum E9 { true }\n']);
  }
  return sdl;
}

// ---- root values ------------------------------------------------------------

const WS = ['\u00a0', '\ufeff', '\u1680', '\u2000', '\u2005', '\u200a', '\u2028', '\u2029', '\u202f', '\u205f', '\u3000', ' ', '\t', '\n', '\r', '\v', '\f', '\u200b', '\u0085'];

function edgeNumberString(rng) {
  const core = rng.pick(['12', '-3', '1.5', '0x10', '1e3', '', '0', 'Infinity', '12abc', '.5', '5.', '+4', '1_0', '0b1', '-0']);
  return (rng.chance(0.6) ? rng.pick(WS) : '') + core + (rng.chance(0.6) ? rng.pick(WS) : '');
}

function edgeScalar(rng) {
  return rng.pick([
    () => rng.int(100),
    () => rng.pick([2147483648, -2147483649, 1.5, -0.0, 1e21, 1e-7, 123456789012, 9007199254740993]),
    () => new Raw(rng.pick(['1e400', '-1e400', '1E999', '4.9e-325', '-0', '0.0', '1.0', '100000000000000000000000'])),
    () => edgeNumberString(rng),
    () => rng.pick([true, false]),
    () => rng.pick(['x', '', 'ünï', '\u0000\u001f', 'RED', 'true']),
    () => new Raw(rng.pick(['"\\ud800x"', '"\\udfff"', '"a\\ud83d"', '"\\ud83d\\ude00"', '"\\u0000"'])),
    () => ({ k: 1 }),
    () => [1, 2],
    () => null,
  ])();
}

function valueFor(rng, s, t, depth) {
  if (rng.chance(0.03)) return undefined; // missing: the field resolves to undefined
  if (t.kind === 'NON_NULL') return rng.chance(0.05) ? null : valueFor(rng, s, t.of, depth);
  if (rng.chance(0.05)) return null;
  if (t.kind === 'LIST') {
    if (rng.chance(0.04)) return edgeScalar(rng);
    return Array.from({ length: rng.int(depth > 2 ? 2 : 4) }, () => valueFor(rng, s, t.of, depth + 1) ?? null);
  }
  const type = s.types.get(t.name);
  if (rng.chance(0.12)) return edgeScalar(rng);
  switch (t.name) {
    case 'Int':
      return rng.pick([rng.int(1000) - 500, 2147483647, -2147483648, 3.0, '42']);
    case 'Float':
      return rng.pick([rng.next() * 100, 1, -2.5, 1e21, '3.25', 0.1]);
    case 'String':
      return rng.pick(['hello', '', 'é', 'line\nbreak', 'quote"back\\slash', '\u2028', 12, true]);
    case 'Boolean':
      return rng.pick([true, false, 0, 1]);
    case 'ID':
      return rng.pick(['id-1', 17, '', 1.5]);
    case 'Json':
      return rng.pick([{ a: [1, { b: null }] }, 'text', 3.5, [true, 'x'], null]);
  }
  if (!type) return null;
  if (type.kind === 'ENUM') return rng.chance(0.85) ? rng.pick(type.values) : rng.pick(['NOPE', 'red', 1]);
  if (depth > 3) return rng.chance(0.5) ? null : {};
  let objectType = type;
  if (type.kind === 'INTERFACE' || type.kind === 'UNION') {
    const possible =
      type.kind === 'UNION' ? type.members : [...s.types.values()].filter((o) => o.kind === 'OBJECT' && o.interfaces.includes(type.name)).map((o) => o.name);
    if (!possible.length) return null;
    objectType = s.types.get(rng.pick(possible));
  }
  const obj = {};
  if (type !== objectType || rng.chance(0.05)) {
    if (rng.chance(0.93)) obj.__typename = objectType.name;
    else obj.__typename = rng.pick(['Nope', 'Query', 'Int', type.name, 7]);
  }
  for (const f of objectType.fields) {
    const v = valueFor(rng, s, f.type, depth + 1);
    if (v !== undefined) obj[f.name] = v;
  }
  return obj;
}

// ---- documents ----------------------------------------------------------------

class DocBuilder {
  constructor(rng, s) {
    this.rng = rng;
    this.s = s;
    this.vars = []; // {name, type}
    this.fragments = []; // printed fragment definitions
    this.fragmentCount = 0;
    // Most documents are meant to be valid (so execution is compared); in the
    // others every kind of mistake is likely. err scales the mistakes' odds.
    this.err = rng.chance(0.3) ? 1 : 0.03;
  }
  oops(p) {
    return this.rng.chance(p * this.err);
  }

  // A variable of (roughly) the given input type, declared on the operation.
  variable(t) {
    const rng = this.rng;
    const existing = this.vars.find((v) => typeStr(v.type) === typeStr(t));
    if (existing && rng.chance(0.5)) return '$' + existing.name;
    let type = t;
    if (this.oops(0.1)) type = t.kind === 'NON_NULL' ? t.of : nonNull(t); // sometimes the wrong nullability
    if (this.oops(0.05)) type = named(rng.pick(BUILTIN));
    const name = `v${this.vars.length}`;
    const def = rng.chance(0.15) && type.kind !== 'NON_NULL' ? ' = ' + literalFor(rng, this.s, type) : '';
    this.vars.push({ name, type, def });
    return '$' + name;
  }

  value(t) {
    if (this.rng.chance(0.2)) return this.variable(t);
    return literalFor(this.rng, this.s, t);
  }

  directives() {
    const rng = this.rng;
    if (!rng.chance(0.08)) return '';
    const name = this.oops(0.3) ? rng.pick(['deprecated', 'unknownDir']) : rng.pick(['skip', 'include']);
    const v = rng.chance(0.4) ? this.variable(nonNull(named('Boolean'))) : rng.pick(['true', 'false']);
    return this.oops(0.1) ? ` @${name}` : ` @${name}(if: ${v})`;
  }

  args(field) {
    const rng = this.rng;
    const parts = [];
    for (const a of field.args || []) {
      const required = a.type.kind === 'NON_NULL' && a.defaultValue === undefined;
      if (required ? !this.oops(0.05) : rng.chance(0.5)) parts.push(`${a.name}: ${this.value(a.type)}`);
    }
    if (this.oops(0.03)) parts.push(`${rng.pick(ARG_NAMES)}: 1`);
    if (this.oops(0.02) && parts.length) parts.push(parts[0]);
    return parts.length ? '(' + parts.join(', ') + ')' : '';
  }

  selectionSet(typeName, depth) {
    const rng = this.rng;
    const type = this.s.types.get(typeName);
    const fields = type.kind === 'UNION' ? [] : type.fields;
    const parts = [];
    const n = rng.range(1, 4);
    for (let i = 0; i < n; i++) {
      const roll = rng.next();
      if (roll < 0.08 || !fields.length) {
        parts.push('__typename' + this.directives());
      } else if (roll < 0.16) {
        parts.push(this.inlineFragment(typeName, depth));
      } else if (roll < 0.22) {
        parts.push(this.spread(typeName, depth));
      } else if (roll < 0.24 && this.oops(1)) {
        parts.push(rng.pick(['nope', 'id', 'a']) + (rng.chance(0.5) ? ' { x }' : ''));
      } else {
        parts.push(this.field(rng.pick(fields), depth));
      }
    }
    return '{ ' + parts.join(' ') + ' }';
  }

  field(f, depth) {
    const rng = this.rng;
    const alias = rng.chance(0.15) ? (this.oops(0.5) ? rng.pick(['a', 'b', 'x']) : `al${this.aliases = (this.aliases ?? 0) + 1}`) + ': ' : '';
    const inner = this.s.types.get(namedOf(f.type));
    const composite = inner && ['OBJECT', 'INTERFACE', 'UNION'].includes(inner.kind);
    let sub = '';
    if (composite) sub = depth > 3 ? ' { __typename }' : ' ' + this.selectionSet(inner.name, depth + 1);
    if (this.oops(0.02)) sub = composite ? '' : ' { x }'; // leaf with a selection, or object without one
    // The same field mostly gets the same arguments: otherwise most documents
    // would only test the overlapping-fields rule.
    const key = namedOf(f.type) + '.' + f.name;
    this.argsSeen ??= new Map();
    let args = this.argsSeen.get(key);
    if (args === undefined || this.oops(0.5)) this.argsSeen.set(key, (args = this.args(f)));
    return alias + f.name + args + this.directives() + sub;
  }

  conditionFor(typeName) {
    const candidates = this.conditions(typeName);
    if (this.oops(0.07)) candidates.push(this.rng.pick([...this.s.types.keys()]));
    return this.rng.pick(candidates);
  }

  // Type conditions that can apply within a selection on typeName.
  conditions(typeName) {
    const t = this.s.types.get(typeName);
    const candidates = [typeName];
    if (t.kind === 'OBJECT') candidates.push(...t.interfaces);
    if (t.kind === 'UNION') candidates.push(...t.members);
    if (t.kind === 'INTERFACE') {
      for (const o of this.s.types.values()) if (o.kind === 'OBJECT' && o.interfaces.includes(typeName)) candidates.push(o.name);
    }
    return candidates;
  }

  inlineFragment(typeName, depth) {
    const cond = this.rng.chance(0.2) ? null : this.conditionFor(typeName);
    const condType = cond && this.s.types.get(cond);
    if (condType && !['OBJECT', 'INTERFACE', 'UNION'].includes(condType.kind)) return `... on ${cond} { x }`;
    return '...' + (cond ? ` on ${cond}` : '') + this.directives() + ' ' + this.selectionSet(cond || typeName, depth + 1);
  }

  spread(typeName, depth) {
    const rng = this.rng;
    // Reuse a finished fragment on a type that fits here (or, in broken documents, any).
    const fits = this.conditions(typeName);
    const reusable = this.fragments.filter((f) => f.text && (fits.includes(f.on) || this.oops(0.3)));
    if (reusable.length && rng.chance(0.3)) return '...' + rng.pick(reusable).name;
    if (this.oops(0.03)) return '...Missing';
    const cond = this.conditionFor(typeName);
    const condType = this.s.types.get(cond);
    const name = `F${this.fragmentCount++}`;
    const frag = { name, text: '', on: cond };
    this.fragments.push(frag);
    frag.text = ['OBJECT', 'INTERFACE', 'UNION'].includes(condType.kind)
      ? `fragment ${name} on ${cond} ${this.selectionSet(cond, depth + 1)}`
      : `fragment ${name} on ${cond} { x }`;
    return '...' + name + this.directives();
  }
}

const INTROSPECTION = [
  '__schema { queryType { name } types { name kind } }',
  '__type(name: "T0") { name kind fields { name args { name defaultValue } type { name kind ofType { name kind } } } interfaces { name } possibleTypes { name } }',
  '__type(name: "In0") { inputFields { name defaultValue type { kind name ofType { name } } } }',
  '__type(name: "E0") { enumValues(includeDeprecated: true) { name isDeprecated deprecationReason } }',
  '__schema { directives { name locations args { name } } mutationType { name } subscriptionType { name } }',
  '__type(name: "Nope") { name }',
];

function genDocument(rng, s) {
  const ops = [];
  const b = new DocBuilder(rng, s);
  const nOps = rng.chance(0.85) ? 1 : 2;
  const names = [];
  for (let i = 0; i < nOps; i++) {
    b.vars = [];
    const kind = s.mutation && rng.chance(0.3) ? 'mutation' : rng.chance(0.02) ? 'subscription' : 'query';
    const root = kind === 'mutation' ? 'Mutation' : 'Query';
    let body = b.selectionSet(root, 0);
    if (kind === 'query' && rng.chance(0.06)) body = body.replace(/^\{ /, '{ ' + rng.pick(INTROSPECTION) + ' ');
    const name = nOps > 1 || rng.chance(0.4) ? rng.pick(['Q', 'Op', 'Main', 'Q']) + (nOps > 1 && rng.chance(0.85) ? i : '') : '';
    if (name) names.push(name);
    const varDefs = b.vars.length ? '(' + b.vars.map((v) => `$${v.name}: ${typeStr(v.type)}${v.def}`).join(', ') + ')' : '';
    if (b.oops(0.03)) b.vars.push({ name: 'unused', type: named('Int'), def: '' });
    const anonymousShort = !name && !varDefs && kind === 'query' && rng.chance(0.5);
    ops.push({ text: anonymousShort ? body : `${kind}${name ? ' ' + name : ''}${varDefs} ${body}`, vars: [...b.vars] });
  }
  let text = [...ops.map((o) => o.text), ...b.fragments.map((f) => f.text)].join('\n');
  if (b.oops(0.4)) text = mutateText(rng, text);
  const vars = ops.flatMap((o) => o.vars);
  let operation = null;
  if (names.length && (nOps > 1 ? rng.chance(0.7) : rng.chance(0.1))) operation = rng.chance(0.9) ? rng.pick(names) : 'Other';
  return { text, vars, operation };
}

// Syntax damage: the parser's errors and locations must match too.
function mutateText(rng, text) {
  const pos = rng.int(text.length + 1);
  switch (rng.int(4)) {
    case 0:
      return text.slice(0, pos) + text.slice(pos + rng.range(1, 5));
    case 1:
      return text.slice(0, pos) + rng.pick(['{', '}', '(', ')', '$', '...', '@', '!', ':', '"', '#c\n', 'on', '1.', '0x1', '"\\u{ZZ}"', '"""', '\u00a0', '&', '|', '=', '[']) + text.slice(pos);
    case 2:
      return text.slice(0, pos) + text.slice(pos, pos + rng.range(1, 20)) + text.slice(pos);
    default:
      return text.slice(0, pos) + rng.pick(['"unterminated', '\u0007', '""""', '1e', '.', '\r\n', '\ufeff']) + text.slice(pos);
  }
}

function variableValue(rng, s, t, depth = 0) {
  if (t.kind === 'NON_NULL') return rng.chance(0.04) ? null : variableValue(rng, s, t.of, depth);
  if (rng.chance(0.05)) return null;
  if (t.kind === 'LIST') {
    if (rng.chance(0.25)) return variableValue(rng, s, t.of, depth + 1);
    return Array.from({ length: rng.int(3) }, () => variableValue(rng, s, t.of, depth + 1));
  }
  if (rng.chance(0.1)) return edgeScalar(rng);
  const type = s.types.get(t.name);
  switch (t.name) {
    case 'Int':
      return rng.pick([1, -5, 2147483647, 0, 2147483648]);
    case 'Float':
      return rng.pick([1.5, 2, -0.25, 1e300]);
    case 'String':
      return rng.pick(['s', '', 'ü', 'a\u0000b']);
    case 'Boolean':
      return rng.pick([true, false]);
    case 'ID':
      return rng.pick(['x', 12]);
    case 'Json':
      return rng.pick([{ a: 1 }, [1], 'x', 2]);
  }
  if (!type) return 1;
  if (type.kind === 'ENUM') return rng.chance(0.9) ? rng.pick(type.values) : 'nope';
  if (type.kind === 'INPUT') {
    if (depth > 3) return {};
    const obj = {};
    for (const f of type.fields) if (rng.chance(f.type.kind === 'NON_NULL' ? 0.95 : 0.5)) obj[f.name] = variableValue(rng, s, f.type, depth + 1);
    if (rng.chance(0.05)) obj.zzz = 1;
    return obj;
  }
  return rng.pick([1, 'x', true]);
}

// ---- a whole case ------------------------------------------------------------------

export function generateCase(seed) {
  const rng = new Rng(seed);
  const s = genSchema(rng);
  const schema = printSchema(rng, s);
  const doc = genDocument(rng, s);
  let variables = null;
  if (doc.vars.length || rng.chance(0.05)) {
    const obj = {};
    for (const v of doc.vars) if (rng.chance(0.9)) obj[v.name] = variableValue(rng, s, v.type);
    // (variables that are not an object are refused before graphql() is called: not compared)
    variables = rng.chance(0.02) ? 'null' : jsonText(obj);
  }
  let root = null;
  if (rng.chance(0.95)) {
    const obj = {};
    const roots = [s.types.get('Query'), s.mutation && s.types.get('Mutation')].filter(Boolean);
    for (const t of roots) {
      for (const f of t.fields) {
        const v = valueFor(rng, s, f.type, 0);
        if (v !== undefined) obj[f.name] = v;
      }
    }
    root = jsonText(obj);
  }
  return { schema, query: doc.text, variables, root, operation: doc.operation };
}
