#!/usr/bin/env node
// graphql-exec's command line over graphql-js: the harness's self-test runs
// run.mjs against it (every case must pass), so a failure of the real
// graphql-exec is the engine's, not the harness's.
//   js-exec.mjs --schema S.graphql --query Q.graphql [--variables V.json] [--root R.json] [--operation NAME]
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO_DIR } from './corpus.mjs';

const GRAPHQL_DIR = process.env.GRAPHQL_JS_DIR || path.join(REPO_DIR, 'third_party', 'js', 'node_modules', 'graphql');
const { buildSchema, validateSchema, graphql } = await import(pathToFileURL(path.join(GRAPHQL_DIR, 'index.mjs')).href);

const opts = {};
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i += 2) {
  const key = argv[i].replace(/^--/, '');
  if (!['schema', 'query', 'variables', 'root', 'operation'].includes(key) || i + 1 >= argv.length) {
    console.error(`js-exec: bad argument ${argv[i]}`);
    process.exit(2);
  }
  opts[key] = argv[i + 1];
}
const read = (f) => fs.readFileSync(f, 'utf8');
let schema;
try {
  schema = buildSchema(read(opts.schema));
} catch (e) {
  console.error(`js-exec: ${opts.schema}: ${e.message}`);
  process.exit(1);
}
const errs = validateSchema(schema);
if (errs.length) {
  console.error(`js-exec: ${opts.schema}: ${errs.map((e) => e.message).join('\n')}`);
  process.exit(1);
}
const result = await graphql({
  schema,
  source: read(opts.query),
  rootValue: opts.root ? JSON.parse(read(opts.root)) : undefined,
  variableValues: opts.variables ? JSON.parse(read(opts.variables)) : undefined,
  operationName: opts.operation,
});
process.stdout.write(JSON.stringify(result) + '\n');
