#!/usr/bin/env node
// Random differential test: seeded random cases (generate.mjs) through
// graphql-js 16 and through the engine (graphql-exec-batch), compared case by
// case; every mismatch is shrunk and saved as a reproducer.
//
//   node run.mjs --exec BUILD/bin/graphql-exec-batch [--seconds N | --cases N] [--out DIR]
//   SEED=123 node run.mjs ...          replays the run that printed "seed 123"
//   node run.mjs ... --case SEED.I      one case (as printed on a mismatch), shown in full
//
// First every reproducer kept in cases/ (regressions of fixed bugs) is run.
// A case passes when graphql-exec would print byte for byte what
// JSON.stringify prints for graphql-js's result (data with key order, errors
// with messages, locations and paths, in order), or when both refuse the schema.
// Exit status 0 when every case passed, 1 otherwise.
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { spawn } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { generateCase } from './generate.mjs';
import { shrink } from './shrink.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '..', '..');
const GRAPHQL_DIR = process.env.GRAPHQL_JS_DIR || path.join(REPO, 'third_party', 'js', 'node_modules', 'graphql');
const { buildSchema, validateSchema, graphqlSync } = await import(pathToFileURL(path.join(GRAPHQL_DIR, 'index.mjs')).href);

function usage(msg) {
  console.error(`run.mjs: ${msg}\nusage: node run.mjs --exec PATH/graphql-exec-batch [--seconds N | --cases N] [--out DIR] [--case SEED.I] [--max-failures N]`);
  process.exit(2);
}

const args = process.argv.slice(2);
let exec = null;
let seconds = 10;
let maxCases = Infinity;
let outDir = null;
let oneCase = null;
let maxFailures = 5;
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  const next = () => (i + 1 < args.length ? args[++i] : usage(`${a} needs a value`));
  if (a === '--exec') exec = next();
  else if (a === '--seconds') seconds = Number(next());
  else if (a === '--cases') maxCases = Number(next());
  else if (a === '--out') outDir = next();
  else if (a === '--case') oneCase = next();
  else if (a === '--max-failures') maxFailures = Number(next());
  else usage(`unknown argument ${a}`);
}
if (!exec) usage('--exec is required');
if (!fs.existsSync(exec)) usage(`no such executable: ${exec}`);
if (!(seconds >= 0) || !(maxCases > 0) || !(maxFailures > 0)) usage('--seconds, --cases and --max-failures take positive numbers');

// ---- the two sides ----------------------------------------------------------

// graphql-js as graphql-exec is specified: buildSchema + validateSchema (a
// refused schema is {refused}), then graphql() with the default resolvers.
export function runJs(c) {
  let schema;
  try {
    schema = buildSchema(c.schema);
  } catch (e) {
    return { refused: true, text: e.message };
  }
  const errs = validateSchema(schema);
  if (errs.length) return { refused: true, text: errs.map((e) => e.message).join('\n') };
  let rootValue, variableValues;
  try {
    rootValue = c.root === null ? undefined : JSON.parse(c.root);
    variableValues = c.variables === null ? undefined : JSON.parse(c.variables);
  } catch (e) {
    return { refused: true, text: e.message };
  }
  try {
    const result = graphqlSync({ schema, source: c.query, rootValue, variableValues, operationName: c.operation ?? undefined });
    return { text: JSON.stringify(result) };
  } catch (e) {
    return { threw: true, text: String(e && e.stack) };
  }
}

// One long-running graphql-exec-batch: a line per case each way.
class Engine {
  constructor(file) {
    this.child = spawn(file, [], { stdio: ['pipe', 'pipe', 'inherit'] });
    this.buffer = '';
    this.waiting = [];
    this.exited = null;
    this.child.stdout.setEncoding('utf8');
    this.child.stdout.on('data', (chunk) => {
      this.buffer += chunk;
      let nl;
      while ((nl = this.buffer.indexOf('\n')) >= 0) {
        const line = this.buffer.slice(0, nl);
        this.buffer = this.buffer.slice(nl + 1);
        this.waiting.shift()?.resolve(line);
      }
    });
    this.child.on('exit', (code, signal) => {
      this.exited = `graphql-exec-batch exited (${signal || code})`;
      for (const w of this.waiting.splice(0)) w.reject(new Error(this.exited));
    });
    this.child.stdin.on('error', () => {}); // reported through 'exit'
  }
  run(c) {
    if (this.exited) return Promise.reject(new Error(this.exited));
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      this.child.stdin.write(JSON.stringify(c) + '\n');
    }).then((line) => {
      const sp = line.indexOf(' ');
      const status = line.slice(0, sp);
      const rest = line.slice(sp + 1);
      if (status === '0') return { text: rest };
      if (status === '1') return { refused: true, text: JSON.parse(rest) };
      throw new Error(`graphql-exec-batch: ${rest}`);
    });
  }
  close() {
    this.child.stdin.end();
  }
}

// null when both sides agree; otherwise what differs.
function compare(js, eng) {
  if (js.refused || eng.refused) {
    if (js.refused && eng.refused) return null;
    return js.refused ? `graphql-js refused (${js.text.split('\n')[0]}), the engine answered` : `the engine refused (${eng.text.split('\n')[0]}), graphql-js answered`;
  }
  return js.text === eng.text ? null : 'responses differ';
}

// Where two responses first differ, in words (data path, or error index and key).
function explain(expText, actText) {
  let exp, act;
  try {
    exp = JSON.parse(expText);
    act = JSON.parse(actText);
  } catch {
    return 'the engine printed invalid JSON';
  }
  const out = [];
  const walk = (e, a, p) => {
    if (out.length > 5) return;
    const te = Array.isArray(e) ? 'array' : e === null ? 'null' : typeof e;
    const ta = Array.isArray(a) ? 'array' : a === null ? 'null' : typeof a;
    if (te !== ta || (te !== 'object' && te !== 'array' && e !== a)) {
      out.push(`${p || '(top)'}: graphql-js ${JSON.stringify(e)?.slice(0, 200)}, engine ${JSON.stringify(a)?.slice(0, 200)}`);
      return;
    }
    if (te === 'array') {
      if (e.length !== a.length) out.push(`${p}: graphql-js ${e.length} items, engine ${a.length}`);
      for (let i = 0; i < Math.min(e.length, a.length); i++) walk(e[i], a[i], `${p}[${i}]`);
    } else if (te === 'object') {
      const ke = Object.keys(e).join(',');
      const ka = Object.keys(a).join(',');
      if (ke !== ka) out.push(`${p || '(top)'}: keys graphql-js [${ke}], engine [${ka}]`);
      for (const k of Object.keys(e)) if (k in a) walk(e[k], a[k], `${p}.${k}`);
    }
  };
  walk(exp, act, '');
  return out.length ? out.join('\n    ') : 'same JSON value, different bytes (number or escape spelling)';
}

// ---- run -----------------------------------------------------------------

const engine = new Engine(exec);
let failures = 0;
let threw = 0;

async function check(c, label) {
  const pending = engine.run(c);
  const js = runJs(c);
  const eng = await pending;
  if (js.threw) {
    threw++;
    return true; // not a comparable case (graphql-js itself failed)
  }
  const why = compare(js, eng);
  if (!why) return true;
  failures++;
  console.log(`\nMISMATCH ${label}: ${why}`);
  const small = await shrink(c, async (cand) => {
    const e = engine.run(cand);
    const j = runJs(cand);
    const r = await e;
    return !j.threw && compare(j, r) !== null;
  });
  const js2 = runJs(small);
  const eng2 = await engine.run(small);
  const repro = { label, ...small, graphqljs: js2.text, engine: eng2.text };
  console.log('  shrunk case:');
  console.log('    schema:    ' + JSON.stringify(small.schema));
  console.log('    query:     ' + JSON.stringify(small.query));
  console.log('    variables: ' + JSON.stringify(small.variables));
  console.log('    root:      ' + JSON.stringify(small.root));
  if (small.operation) console.log('    operation: ' + JSON.stringify(small.operation));
  console.log('  graphql-js: ' + (js2.refused ? 'refused: ' : '') + js2.text);
  console.log('  engine:     ' + (eng2.refused ? 'refused: ' : '') + eng2.text);
  if (!js2.refused && !eng2.refused) console.log('  where: ' + explain(js2.text, eng2.text));
  if (outDir) {
    fs.mkdirSync(outDir, { recursive: true });
    const body = JSON.stringify(repro, null, 2) + '\n';
    const file = path.join(outDir, crypto.createHash('sha1').update(body).digest('hex').slice(0, 12) + '.json');
    fs.writeFileSync(file, body);
    console.log(`  saved: ${file} (once fixed, move it to tests/graphql-random/cases/ as a regression case)`);
  }
  return false;
}

const casesDir = path.join(HERE, 'cases');
const kept = fs.existsSync(casesDir) ? fs.readdirSync(casesDir).filter((f) => f.endsWith('.json')).sort() : [];
const started = Date.now();
let count = 0;
try {
  if (oneCase) {
    const [seedText, indexText] = oneCase.split('.');
    const c = generateCase(caseSeed(Number(seedText), Number(indexText)));
    console.log(JSON.stringify(c, null, 2));
    await check(c, `case ${oneCase}`);
  } else {
    await test_GQL_17_kept_reproducers_still_match();
    await test_GQL_16_random_cases_match_graphql_js();
  }
} catch (e) {
  console.log(`\nFAILED: ${e.message}`);
  failures++;
}
engine.close();
const secs = (Date.now() - started) / 1000;
console.log(
  `graphql-random: ${count} random cases + ${kept.length} kept in ${secs.toFixed(1)}s (${Math.round(count / Math.max(secs, 0.001))}/s), ` +
    `${failures} mismatched` + (threw ? `, ${threw} skipped (graphql-js threw)` : ''),
);
process.exit(failures ? 1 : 0);

// Every reproducer kept in cases/ (bugs found and fixed) still answers as graphql-js does.
async function test_GQL_17_kept_reproducers_still_match() {
  for (const f of kept) {
    const { schema, query, variables, root, operation } = JSON.parse(fs.readFileSync(path.join(casesDir, f), 'utf8'));
    await check({ schema, query, variables, root, operation: operation ?? null }, `cases/${f}`);
  }
}

// Random cases from a fresh (printed) or given seed, until time or count runs out.
async function test_GQL_16_random_cases_match_graphql_js() {
  const seed = process.env.SEED !== undefined ? Number(process.env.SEED) >>> 0 : crypto.randomInt(2 ** 31);
  console.log(`graphql-random: seed ${seed} (replay with SEED=${seed}), ${kept.length} kept cases, ` + (Number.isFinite(maxCases) ? `${maxCases} cases` : `${seconds}s`));
  for (let i = 0; i < maxCases && failures < maxFailures && Date.now() - started < seconds * 1000; i++) {
    await check(generateCase(caseSeed(seed, i)), `case ${seed}.${i} (replay: SEED=${seed} ... --case ${seed}.${i})`);
    count++;
  }
}

// The seed of case i of a run: cases are independent, so one can be replayed alone.
function caseSeed(seed, i) {
  return (Math.imul(seed ^ 0x9e3779b9, 2654435761) + Math.imul(i + 1, 0x85ebca6b)) >>> 0;
}
