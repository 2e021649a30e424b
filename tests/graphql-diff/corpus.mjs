// Reads the differential corpus: cases/*.cases, each holding many cases in a
// small sectioned text format (GraphQL is easier to write there than in JSON).
//
//   === case-name                 starts a case (names are unique per file)
//   schema: hw                    schemas/hw.graphql            (or a "--- schema" section)
//   root: hw                      roots/hw.json                 (or a "--- root" section)
//   query: introspection          queries/introspection.graphql (or a "--- query" section)
//   operation: Name               operationName
//   --- query                     section: the following lines, up to the next
//   { ping }                      "---" / "===" line, trailing blank lines dropped
//   --- variables
//   {"x": 1}
//   --- query json                section body is one JSON string literal, for
//   "{ a }\r\n"                   bytes a text file cannot hold (CR, BOM, NUL...)
//
// Lines before the first "===" are comments. A case id is "<file>/<name>";
// its expected response lives in expected/<file>/<name>.json.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const DIFF_DIR = path.dirname(fileURLToPath(import.meta.url));
export const REPO_DIR = path.resolve(DIFF_DIR, '..', '..');

const KEYS = new Set(['schema', 'root', 'query', 'variables', 'operation']);
const NAME_RE = /^[a-z0-9][a-z0-9-]*$/;

function readRef(dir, name, ext) {
  const file = path.join(DIFF_DIR, dir, name + ext);
  if (!fs.existsSync(file)) throw new Error(`unknown ${dir} reference "${name}" (${file})`);
  return fs.readFileSync(file, 'utf8');
}

function parseCaseFile(file) {
  const stem = path.basename(file, '.cases');
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const cases = [];
  let current = null;
  let section = null; // {key, json, lines}

  const fail = (lineNo, msg) => {
    throw new Error(`${file}:${lineNo + 1}: ${msg}`);
  };
  const closeSection = () => {
    if (!section) return;
    const body = section.lines;
    while (body.length && body[body.length - 1].trim() === '') body.pop();
    let text = body.join('\n');
    if (section.json) text = JSON.parse(text);
    else if (section.key === 'schema' || section.key === 'query') text += '\n';
    current.fields[section.key] = text;
    section = null;
  };
  const closeCase = () => {
    closeSection();
    if (current) cases.push(finishCase(stem, current));
    current = null;
  };

  lines.forEach((line, i) => {
    if (line.startsWith('=== ')) {
      closeCase();
      const name = line.slice(4).trim();
      if (!NAME_RE.test(name)) fail(i, `bad case name "${name}"`);
      if (cases.some((c) => c.name === name)) fail(i, `duplicate case name "${name}"`);
      current = { name, line: i + 1, fields: {} };
      return;
    }
    if (!current) return; // file header comments
    if (line.startsWith('--- ')) {
      closeSection();
      const [key, mode] = line.slice(4).trim().split(/\s+/);
      if (!KEYS.has(key) || key === 'operation') fail(i, `unknown section "${key}"`);
      if (current.fields[key] !== undefined) fail(i, `"${key}" given twice`);
      if (mode !== undefined && mode !== 'json') fail(i, `unknown section mode "${mode}"`);
      section = { key, json: mode === 'json', lines: [] };
      return;
    }
    if (section) {
      section.lines.push(line);
      return;
    }
    if (line.trim() === '' || line.startsWith('#')) return;
    const m = /^([a-z]+):\s*(.*)$/.exec(line);
    if (!m || !KEYS.has(m[1]) || m[1] === 'variables') fail(i, `expected "key: value" or a section, got "${line}"`);
    if (current.fields[m[1]] !== undefined) fail(i, `"${m[1]}" given twice`);
    const value = m[2].trim();
    switch (m[1]) {
      case 'schema': current.fields.schema = readRef('schemas', value, '.graphql'); current.schemaRef = value; break;
      case 'root': current.fields.root = readRef('roots', value, '.json'); break;
      case 'query': current.fields.query = readRef('queries', value, '.graphql'); break;
      case 'operation': current.fields.operation = value; break;
    }
  });
  closeCase();
  return cases;
}

function finishCase(stem, c) {
  const f = c.fields;
  const where = `cases/${stem}.cases:${c.line} (${c.name})`;
  if (f.schema === undefined) throw new Error(`${where}: no schema`);
  if (f.query === undefined) throw new Error(`${where}: no query`);
  // Variables and root are JSON; parse them here so a typo fails loudly.
  for (const k of ['variables', 'root']) {
    if (f[k] !== undefined) {
      try {
        JSON.parse(f[k]);
      } catch (e) {
        throw new Error(`${where}: ${k} is not JSON: ${e.message}`);
      }
    }
  }
  return {
    id: `${stem}/${c.name}`,
    file: stem,
    name: c.name,
    where,
    schema: f.schema,
    query: f.query,
    variables: f.variables, // JSON text or undefined
    root: f.root, // JSON text or undefined
    operation: f.operation, // string or undefined
  };
}

export function loadCorpus() {
  const dir = path.join(DIFF_DIR, 'cases');
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.cases')).sort();
  return files.flatMap((f) => parseCaseFile(path.join(dir, f)));
}

export function expectedPath(c) {
  return path.join(DIFF_DIR, 'expected', c.file, c.name + '.json');
}
