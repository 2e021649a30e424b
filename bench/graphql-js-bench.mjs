#!/usr/bin/env node
// The graphql-js side of the benchmark: the same requests, schema and root
// value as graphql-bench, the same method (warm-up, rounds, median rate).
//   cold: parse + validate + execute every iteration
//   warm: execute only (the document parsed and validated once), the
//         equivalent of our engine's document cache
//   node bench/graphql-js-bench.mjs [--json] [--seconds S]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const GRAPHQL_DIR = process.env.GRAPHQL_JS_DIR || path.join(REPO, 'third_party', 'js', 'node_modules', 'graphql');
const { buildSchema, parse, validate, execute, version } = await import(pathToFileURL(path.join(GRAPHQL_DIR, 'index.mjs')).href);

const json = process.argv.includes('--json');
const si = process.argv.indexOf('--seconds');
const seconds = si > 0 && Number(process.argv[si + 1]) > 0 ? Number(process.argv[si + 1]) : 2;

const diff = path.join(REPO, 'tests', 'graphql-diff');
const read = (...p) => fs.readFileSync(path.join(...p), 'utf8');
const schema = buildSchema(read(diff, 'schemas', 'eps.graphql'));
const rootValue = JSON.parse(read(diff, 'roots', 'eps.json'));
const benches = [
  { name: 'telemetry', query: read(diff, 'queries', 'eps-telemetry.graphql'), variables: JSON.parse(read(REPO, 'bench', 'telemetry-variables.json')) },
  { name: 'introspection', query: read(diff, 'queries', 'introspection.graphql'), variables: undefined },
];

let sink = 0;
const now = () => Number(process.hrtime.bigint()) / 1e9;

function measure(op) {
  let batch = 1;
  for (;;) {
    const t0 = now();
    for (let i = 0; i < batch; i++) op();
    if (now() - t0 > 0.01) break;
    batch *= 2;
  }
  // Then a fifth of the budget untimed, so the JIT has optimised the hot
  // paths before timing starts (graphql-bench does the same).
  for (const t0 = now(); now() - t0 < seconds / 5; ) {
    for (let i = 0; i < batch; i++) op();
  }
  const rounds = 7;
  const rates = [];
  let total = 0;
  for (let r = 0; r < rounds; r++) {
    let n = 0;
    const t0 = now();
    let dt = 0;
    do {
      for (let i = 0; i < batch; i++) op();
      n += batch;
      dt = now() - t0;
    } while (dt < seconds / rounds);
    rates.push(n / dt);
    total += n;
  }
  rates.sort((a, b) => a - b);
  return { opsPerSec: rates[rates.length >> 1], iterations: total };
}

if (!json) console.log(`graphql-js ${version}, node ${process.version}`);
for (const b of benches) {
  const document = parse(b.query);
  const errors = validate(schema, document);
  const check = execute({ schema, document, rootValue, variableValues: b.variables });
  if (errors.length || check.errors) {
    console.error(`graphql-js-bench: ${b.name} fails: ${(errors[0] || check.errors[0]).message}`);
    process.exit(1);
  }
  const modes = {
    cold: () => {
      const doc = parse(b.query);
      const errs = validate(schema, doc);
      const res = execute({ schema, document: doc, rootValue, variableValues: b.variables });
      sink += errs.length + (res.data ? 1 : 0);
    },
    warm: () => {
      const res = execute({ schema, document, rootValue, variableValues: b.variables });
      sink += res.data ? 1 : 0;
    },
  };
  for (const [mode, op] of Object.entries(modes)) {
    const r = measure(op);
    if (json) console.log(JSON.stringify({ impl: 'graphql-js', bench: b.name, mode, opsPerSec: Math.round(r.opsPerSec * 10) / 10, iterations: r.iterations }));
    else console.log(`${b.name.padEnd(14)} ${mode.padEnd(5)} ${r.opsPerSec.toFixed(1).padStart(14)} ${String(r.iterations).padStart(12)}`);
  }
}
if (sink === 0) process.exit(1);
