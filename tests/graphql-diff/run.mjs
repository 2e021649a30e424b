#!/usr/bin/env node
// Differential test: runs graphql-exec on every corpus case and compares its
// output with the response graphql-js produced (expected/, see generate.mjs).
//
//   node run.mjs --exec build/bin/graphql-exec [--filter TEXT] [--every N] [--jobs N] [--keep] [--max-lines N]
//   (--every N: only every Nth case, for quick self-tests)
//
// A case passes when graphql-exec prints byte-for-byte what JSON.stringify
// printed for graphql-js's result: data exactly (key order too) and errors
// with the same message, locations and path, in the same order. A schema
// graphql-js refuses must be refused too: non-zero exit with every message on
// stderr (or, exit 0, a {"errors":[...]} response with the same messages).
// Prints a diff per failing case and a summary line "N passed, M failed".
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { loadCorpus, expectedPath } from './corpus.mjs';

function usage(msg) {
  console.error(`run.mjs: ${msg}\nusage: node run.mjs --exec PATH/graphql-exec [--filter TEXT] [--every N] [--jobs N] [--keep] [--max-lines N]`);
  process.exit(2);
}

const args = process.argv.slice(2);
let exec = null;
let filter = null;
let keep = false;
let jobs = 2;
let every = 1;
let maxLines = 25;
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  const next = () => (i + 1 < args.length ? args[++i] : usage(`${a} needs a value`));
  if (a === '--exec') exec = next();
  else if (a === '--filter') filter = next();
  else if (a === '--keep') keep = true;
  else if (a === '--jobs') jobs = Math.max(1, Number(next()) || 1);
  else if (a === '--every') every = Math.max(1, Number(next()) || 1);
  else if (a === '--max-lines') maxLines = Number(next());
  else usage(`unknown argument ${a}`);
}
if (!exec) usage('--exec is required');
if (!fs.existsSync(exec)) usage(`no such executable: ${exec}`);

// ---- comparison -----------------------------------------------------------

const typeOf = (v) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);
const show = (v) => {
  const s = JSON.stringify(v);
  return s !== undefined && s.length > 120 ? s.slice(0, 117) + '...' : s;
};
const pathStr = (p) => p.map((k) => (typeof k === 'number' ? `[${k}]` : `.${k}`)).join('') || '(top)';

// Structural differences between two JSON values, key order included.
function diffValues(exp, act, p, out) {
  if (out.length > 200) return;
  const te = typeOf(exp);
  const ta = typeOf(act);
  if (te !== ta) {
    out.push(`${pathStr(p)}: expected ${show(exp)}, got ${show(act)}`);
    return;
  }
  if (te === 'array') {
    if (exp.length !== act.length) out.push(`${pathStr(p)}: expected ${exp.length} items, got ${act.length}`);
    for (let i = 0; i < Math.min(exp.length, act.length); i++) diffValues(exp[i], act[i], [...p, i], out);
    return;
  }
  if (te === 'object') {
    const ke = Object.keys(exp);
    const ka = Object.keys(act);
    const missing = ke.filter((k) => !(k in act));
    const extra = ka.filter((k) => !(k in exp));
    if (missing.length) out.push(`${pathStr(p)}: missing keys ${missing.map((k) => JSON.stringify(k)).join(', ')}`);
    if (extra.length) out.push(`${pathStr(p)}: unexpected keys ${extra.map((k) => JSON.stringify(k)).join(', ')}`);
    const common = ke.filter((k) => k in act);
    const orderA = ka.filter((k) => k in exp);
    if (common.join('\u0000') !== orderA.join('\u0000')) {
      out.push(`${pathStr(p)}: key order differs: expected [${common.join(', ')}], got [${orderA.join(', ')}]`);
    }
    for (const k of common) diffValues(exp[k], act[k], [...p, k], out);
    return;
  }
  if (!Object.is(exp, act) && !(exp === 0 && act === 0)) {
    out.push(`${pathStr(p)}: expected ${show(exp)}, got ${show(act)}`);
  }
}

// Errors are compared one by one so the report names the differing error.
function diffResponses(exp, act) {
  const out = [];
  if (typeOf(act) !== 'object') return [`response is not a JSON object: ${show(act)}`];
  const topE = Object.keys(exp);
  const topA = Object.keys(act);
  if (topE.join() !== topA.join()) out.push(`top-level keys: expected [${topE.join(', ')}], got [${topA.join(', ')}]`);
  const ee = exp.errors || [];
  const ae = Array.isArray(act.errors) ? act.errors : [];
  if (act.errors !== undefined && !Array.isArray(act.errors)) out.push(`"errors" is not an array: ${show(act.errors)}`);
  if (ee.length !== ae.length) out.push(`expected ${ee.length} error(s), got ${ae.length}`);
  for (let i = 0; i < Math.max(ee.length, ae.length); i++) {
    const e = ee[i];
    const a = ae[i];
    if (!e) { out.push(`errors[${i}] unexpected: ${show(a)}`); continue; }
    if (!a) { out.push(`errors[${i}] missing: ${show(e)}`); continue; }
    const d = [];
    diffValues(e, a, [], d);
    if (d.length) {
      out.push(`errors[${i}] differs:`);
      out.push(`    expected: ${JSON.stringify(e)}`);
      out.push(`    got:      ${JSON.stringify(a)}`);
    }
  }
  if ('data' in exp || 'data' in act) {
    const d = [];
    diffValues(exp.data, act.data, ['data'], d);
    out.push(...d);
  }
  return out;
}

// Where two texts first differ, with a little context.
function textDiff(exp, act) {
  let i = 0;
  while (i < exp.length && i < act.length && exp[i] === act[i]) i++;
  const from = Math.max(0, i - 30);
  return [
    `serialisation differs at offset ${i} (the JSON values are equal):`,
    `    expected: ...${JSON.stringify(exp.slice(from, i + 40))}`,
    `    got:      ...${JSON.stringify(act.slice(from, i + 40))}`,
  ];
}

function checkSchemaError(expected, res) {
  const msgs = expected.schemaErrors.map((e) => e.message);
  if (res.status === 0) {
    // Also accepted: the schema's errors as a response, as graphql() returns them.
    let act;
    try {
      act = JSON.parse(res.stdout);
    } catch {
      return [`expected the schema to be refused (${msgs.length} error(s)), got exit 0 and: ${res.stdout.slice(0, 300)}`];
    }
    const got = Array.isArray(act.errors) ? act.errors.map((e) => e.message) : [];
    if ('data' in act || JSON.stringify(got) !== JSON.stringify(msgs)) {
      return [
        'expected the schema to be refused with:',
        ...msgs.map((m) => `    ${m}`),
        `got exit 0 and: ${res.stdout.slice(0, 300)}`,
      ];
    }
    return [];
  }
  const missing = msgs.filter((m) => !res.stderr.includes(m));
  if (missing.length === 0) return [];
  return [
    `schema refused (exit ${res.status}) but stderr lacks ${missing.length} of ${msgs.length} message(s):`,
    ...missing.map((m) => `    missing: ${m}`),
    ...res.stderr.trimEnd().split('\n').slice(0, 10).map((l) => `    stderr:  ${l}`),
  ];
}

// ---- run ------------------------------------------------------------------

const tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'graphql-diff-'));
let cases = loadCorpus();
if (filter) cases = cases.filter((c) => c.id.includes(filter));
if (every > 1) cases = cases.filter((_, i) => i % every === 0);
// Runs one process; resolves with {status, signal, stdout, stderr, error}.
function runExec(file, argv) {
  return new Promise((resolve) => {
    const child = spawn(file, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
    const out = [];
    const err = [];
    let error = null;
    const timer = setTimeout(() => child.kill('SIGKILL'), 20000);
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => err.push(d));
    child.on('error', (e) => { error = e; });
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      resolve({ status, signal, error, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
    });
  });
}

async function runCase(c) {
  const dir = path.join(tmpRoot, c.id.replace('/', '__'));
  fs.mkdirSync(dir, { recursive: true });
  const argv = ['--schema', path.join(dir, 'schema.graphql'), '--query', path.join(dir, 'query.graphql')];
  fs.writeFileSync(argv[1], c.schema);
  fs.writeFileSync(argv[3], c.query);
  if (c.variables !== undefined) {
    argv.push('--variables', path.join(dir, 'variables.json'));
    fs.writeFileSync(path.join(dir, 'variables.json'), c.variables);
  }
  if (c.root !== undefined) {
    argv.push('--root', path.join(dir, 'root.json'));
    fs.writeFileSync(path.join(dir, 'root.json'), c.root);
  }
  if (c.operation !== undefined) argv.push('--operation', c.operation);

  const expectedText = fs.existsSync(expectedPath(c)) ? fs.readFileSync(expectedPath(c), 'utf8').trimEnd() : null;
  if (expectedText === null) return { argv, problems: ['no expected response: run node tests/graphql-diff/generate.mjs'] };
  const res = await runExec(exec, argv);
  if (res.error) return { argv, problems: [`could not run graphql-exec: ${res.error.message}`] };
  const stderrLines = (n) => res.stderr.trimEnd().split('\n').slice(0, n).map((l) => `    stderr: ${l}`);
  if (res.signal) return { argv, problems: [`graphql-exec was killed by ${res.signal} (crash or 20 s timeout)`, ...stderrLines(10)] };
  const expected = JSON.parse(expectedText);
  if (expected.schemaErrors) return { argv, problems: checkSchemaError(expected, res) };
  if (res.status !== 0) return { argv, problems: [`graphql-exec exited ${res.status}`, ...stderrLines(10)] };
  const actualText = res.stdout.replace(/\n$/, '');
  if (actualText === expectedText) return { argv, problems: [] };
  let actual;
  try {
    actual = JSON.parse(actualText);
  } catch (e) {
    return { argv, problems: [`output is not JSON (${e.message}): ${actualText.slice(0, 300)}`] };
  }
  const problems = diffResponses(expected, actual);
  return { argv, problems: problems.length ? problems : textDiff(expectedText, actualText) };
}

// A small pool; results are reported in corpus order.
const results = new Array(cases.length);
let nextIndex = 0;
async function worker() {
  while (nextIndex < cases.length) {
    const i = nextIndex++;
    results[i] = await runCase(cases[i]);
  }
}
await Promise.all(Array.from({ length: Math.min(jobs, cases.length) }, worker));

let passed = 0;
const failed = [];
cases.forEach((c, i) => {
  const { argv, problems } = results[i];
  if (problems.length === 0) {
    passed++;
    return;
  }
  failed.push(c.id);
  console.log(`FAIL ${c.id}  (${c.where})`);
  const shown = problems.slice(0, maxLines);
  for (const l of shown) console.log(`  ${l}`);
  if (problems.length > shown.length) console.log(`  ... ${problems.length - shown.length} more difference(s)`);
  console.log(`  reproduce: ${[exec, ...argv].map((a) => (/[\s"']/.test(a) ? JSON.stringify(a) : a)).join(' ')}${keep ? '' : '   (add --keep to keep these files)'}`);
});

if (!keep) fs.rmSync(tmpRoot, { recursive: true, force: true });
else console.log(`case files kept under ${tmpRoot}`);
if (failed.length) {
  const byFile = {};
  for (const id of failed) byFile[id.split('/')[0]] = (byFile[id.split('/')[0]] || 0) + 1;
  console.log(`failures by file: ${Object.entries(byFile).map(([f, n]) => `${f} ${n}`).join(', ')}`);
}
// Requirement GQL_13_differential_cases_answer_as_graphql_js (lib/graphql/README.md).
console.log(`GQL_13_differential_cases_answer_as_graphql_js: ${failed.length ? "FAILED" : "ok"}`);
console.log(`${passed} passed, ${failed.length} failed`);
process.exit(failed.length ? 1 : 0);
