#!/usr/bin/env node
// Prints the comparison table from the JSON lines of graphql-bench --json and
// graphql-js-bench.mjs --json:  node bench/report.mjs CPP.jsonl JS.jsonl
// Never fails because of the numbers: it states whether the target is met.
import fs from 'node:fs';

const TARGET = 10; // ours / graphql-js, on every row
const [cppFile, jsFile] = process.argv.slice(2);
// Each file may hold several passes (run.sh interleaves them); the best rate
// per row is kept: on a shared machine that is the least disturbed one.
const load = (f) => {
  const best = new Map();
  for (const l of fs.readFileSync(f, 'utf8').split('\n')) {
    if (!l.startsWith('{')) continue;
    const r = JSON.parse(l);
    const k = `${r.bench}/${r.mode}`;
    if (!best.has(k) || best.get(k).opsPerSec < r.opsPerSec) best.set(k, r);
  }
  return [...best.values()];
};
const cpp = load(cppFile);
const js = load(jsFile);

const rows = [];
for (const c of cpp) {
  const j = js.find((x) => x.bench === c.bench && x.mode === c.mode);
  rows.push({ ...c, js: j ? j.opsPerSec : null, ratio: j && j.opsPerSec > 0 ? c.opsPerSec / j.opsPerSec : null });
}
const what = {
  cold: 'parse+validate+execute',
  warm: 'execute (document cached)',
};
const fmt = (n) => (n === null ? 'n/a' : n >= 100 ? n.toFixed(0) : n.toFixed(1));
const header = ['request', 'path', 'ours ops/s', 'graphql-js ops/s', 'ratio', `target >= ${TARGET}x`];
const lines = rows.map((r) => [
  r.bench,
  `${r.mode}: ${what[r.mode] || r.mode}`,
  fmt(r.opsPerSec),
  fmt(r.js),
  r.ratio === null ? 'n/a' : `${r.ratio.toFixed(1)}x`,
  r.ratio === null ? 'NOT MEASURED' : r.ratio >= TARGET ? 'met' : 'BELOW TARGET',
]);
const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
const row = (cells) => cells.map((c, i) => (i >= 2 && i <= 4 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ');
console.log(row(header));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const l of lines) console.log(row(l));
const below = rows.filter((r) => r.ratio === null || r.ratio < TARGET);
console.log('');
if (below.length === 0) console.log(`Target (>= ${TARGET}x graphql-js on every row): met.`);
else console.log(`Target (>= ${TARGET}x graphql-js on every row): BELOW TARGET on ${below.map((r) => `${r.bench}/${r.mode}`).join(', ')}.`);
