#!/usr/bin/env node
// Produces the expected responses of the differential corpus with graphql-js
// (the reference implementation), exactly as graphql-exec is specified:
//   buildSchema(SDL)  -- if it throws, or validateSchema finds errors, the
//                        case expects a schema error: {"schemaErrors":[...]}
//   graphql({schema, source, rootValue, variableValues, operationName})
//                     -- default resolvers over the root value; the expected
//                        response is JSON.stringify(result).
// Writes expected/<file>/<name>.json and queries/introspection*.graphql.
//
//   node generate.mjs          regenerate everything
//   node generate.mjs --check  regenerate in memory and fail (exit 1) if any
//                              stored file differs, is missing or is orphaned
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DIFF_DIR, REPO_DIR, loadCorpus, expectedPath } from './corpus.mjs';

const GRAPHQL_DIR = process.env.GRAPHQL_JS_DIR || path.join(REPO_DIR, 'third_party', 'js', 'node_modules', 'graphql');
const gqlUrl = (p) => pathToFileURL(path.join(GRAPHQL_DIR, p)).href;

const check = process.argv.includes('--check');
let graphqlJs, validateMod;
try {
  graphqlJs = await import(gqlUrl('index.mjs'));
  validateMod = await import(gqlUrl('validation/validate.mjs'));
} catch (e) {
  console.error(`generate.mjs: cannot load graphql-js from ${GRAPHQL_DIR} (run scripts/install-deps.sh): ${e.message}`);
  process.exit(2);
}
const { buildSchema, validateSchema, graphql, parse, getIntrospectionQuery, version } = graphqlJs;
if (!version.startsWith('16.')) {
  console.error(`generate.mjs: expected graphql-js 16, found ${version}`);
  process.exit(2);
}

// The introspection queries the corpus uses, generated so they stay graphql-js's own.
const QUERIES = {
  // The options graphql-js's getIntrospectionQuery() documents for 16.x
  // schemas (GraphiQL turns these on).
  introspection: getIntrospectionQuery({
    descriptions: true,
    specifiedByUrl: true,
    directiveIsRepeatable: true,
    schemaDescription: true,
    inputValueDeprecation: true,
  }),
  // Every option 16.15 has, including the newest (oneOf, directive deprecation).
  'introspection-all': getIntrospectionQuery({
    descriptions: true,
    specifiedByUrl: true,
    directiveIsRepeatable: true,
    schemaDescription: true,
    inputValueDeprecation: true,
    oneOf: true,
    experimentalDirectiveDeprecation: true,
  }),
  // The default (what most clients send).
  'introspection-default': getIntrospectionQuery(),
};

const errorJson = (e) => {
  const o = { message: e.message };
  if (e.locations && e.locations.length) o.locations = e.locations;
  return o;
};

function schemaErrors(sdl) {
  let schema;
  try {
    schema = buildSchema(sdl);
  } catch (e) {
    if (e instanceof graphqlJs.GraphQLError) return { errors: [errorJson(e)] }; // syntax error
    // assertValidSDL joins the messages; take them one by one with locations.
    const errs = validateMod.validateSDL(parse(sdl));
    if (errs.map((x) => x.message).join('\n\n') !== e.message) throw new Error(`unexpected buildSchema error: ${e.message}`);
    return { errors: errs.map(errorJson) };
  }
  const errs = validateSchema(schema);
  if (errs.length) return { errors: errs.map(errorJson) };
  return { schema };
}

async function expectedFor(c) {
  const s = schemaErrors(c.schema);
  if (!s.schema) return JSON.stringify({ schemaErrors: s.errors });
  const result = await graphql({
    schema: s.schema,
    source: c.query,
    rootValue: c.root === undefined ? undefined : JSON.parse(c.root),
    variableValues: c.variables === undefined ? undefined : JSON.parse(c.variables),
    operationName: c.operation,
  });
  return JSON.stringify(result);
}

const problems = [];
function emit(file, text) {
  const old = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null;
  if (old === text) return;
  const rel = path.relative(DIFF_DIR, file);
  if (check) {
    problems.push(old === null ? `missing: ${rel}` : `stale: ${rel}`);
  } else {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    console.log(`wrote ${rel}`);
  }
}

for (const [name, text] of Object.entries(QUERIES)) {
  emit(path.join(DIFF_DIR, 'queries', `${name}.graphql`), text.replace(/^\n/, '') + '\n');
}

const cases = loadCorpus();
const wanted = new Set();
for (const c of cases) {
  const file = expectedPath(c);
  wanted.add(file);
  emit(file, (await expectedFor(c)) + '\n');
}

// Expected files of cases that no longer exist.
const expDir = path.join(DIFF_DIR, 'expected');
for (const sub of fs.existsSync(expDir) ? fs.readdirSync(expDir) : []) {
  for (const f of fs.readdirSync(path.join(expDir, sub))) {
    const file = path.join(expDir, sub, f);
    if (wanted.has(file)) continue;
    if (check) problems.push(`orphaned: ${path.relative(DIFF_DIR, file)}`);
    else {
      fs.unlinkSync(file);
      console.log(`removed ${path.relative(DIFF_DIR, file)}`);
    }
  }
}

if (check) {
  for (const p of problems) console.log(p);
  console.log(`graphql-js ${version}: ${cases.length} cases, ${problems.length ? problems.length + ' out of date (run: node tests/graphql-diff/generate.mjs)' : 'corpus is fresh'}`);
  process.exit(problems.length ? 1 : 0);
}
console.log(`graphql-js ${version}: ${cases.length} cases generated`);
