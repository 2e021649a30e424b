// Shrinks a mismatching case: greedily drops parts of the document, the root
// value, the variables and the schema while the mismatch persists, so that a
// reproducer shows the few lines that matter.
//
//   const small = await shrink(c, async (candidate) => stillMismatches(candidate));
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const GRAPHQL_DIR = process.env.GRAPHQL_JS_DIR || path.join(HERE, '..', '..', 'third_party', 'js', 'node_modules', 'graphql');
const { parse, print } = await import(pathToFileURL(path.join(GRAPHQL_DIR, 'index.mjs')).href);

const MAX_TRIES = 600;

// ---- JSON that keeps its tokens ---------------------------------------------------

// Parses JSON text into {arr}/{obj}/{tok} nodes; numbers and strings keep their
// spelling (1e400, "\ud800"), which JSON.parse + stringify would lose.
function parseTokens(text) {
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i])) i++;
  };
  const value = () => {
    ws();
    const c = text[i];
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      i++;
      const items = [];
      ws();
      if (text[i] === close) {
        i++;
        return { kind: c, items };
      }
      for (;;) {
        let key = null;
        if (c === '{') {
          key = value().text;
          ws();
          if (text[i++] !== ':') throw new Error('bad');
        }
        items.push([key, value()]);
        ws();
        const d = text[i++];
        if (d === close) return { kind: c, items };
        if (d !== ',') throw new Error('bad');
      }
    }
    const start = i;
    if (c === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
      i++;
    } else {
      while (i < text.length && !',]}: \t\n\r'.includes(text[i])) i++;
    }
    if (i === start || i > text.length) throw new Error('bad');
    return { kind: 'tok', text: text.slice(start, i) };
  };
  const v = value();
  ws();
  if (i !== text.length) throw new Error('bad');
  return v;
}

function printTokens(n) {
  if (n.kind === 'tok') return n.text;
  const inner = n.items.map(([k, v]) => (k === null ? '' : k + ':') + printTokens(v)).join(',');
  return n.kind === '{' ? `{${inner}}` : `[${inner}]`;
}

// Every JSON text one step smaller: an entry or item dropped, a container
// replaced by null.
function* jsonCandidates(text) {
  let tree;
  try {
    tree = parseTokens(text);
  } catch {
    yield* textCandidates(text);
    return;
  }
  const containers = [];
  const walk = (n) => {
    if (n.kind === 'tok') return;
    containers.push(n);
    for (const [, v] of n.items) walk(v);
  };
  walk(tree);
  for (const n of containers) {
    for (let j = 0; j < n.items.length; j++) {
      const removed = n.items.splice(j, 1);
      yield printTokens(tree);
      n.items.splice(j, 0, ...removed);
    }
    for (let j = 0; j < n.items.length; j++) {
      const old = n.items[j][1];
      if (old.kind === 'tok' && old.text === 'null') continue;
      n.items[j][1] = { kind: 'tok', text: 'null' };
      yield printTokens(tree);
      n.items[j][1] = old;
    }
  }
}

// ---- GraphQL text ------------------------------------------------------------------

// A document (or SDL) with one list element of its AST dropped, for every
// element; text that does not parse is cut by chunks instead.
function* astCandidates(text) {
  let ast;
  try {
    ast = parse(text, { noLocation: true });
  } catch {
    yield* textCandidates(text);
    return;
  }
  const lists = [];
  const walk = (node) => {
    if (Array.isArray(node)) {
      lists.push(node);
      node.forEach(walk);
    } else if (node && typeof node === 'object') {
      for (const v of Object.values(node)) if (v && typeof v === 'object') walk(v);
    }
  };
  walk(ast);
  for (const list of lists) {
    for (let j = 0; j < list.length; j++) {
      const [removed] = list.splice(j, 1);
      let printed = null;
      try {
        printed = print(ast);
      } catch {
        // an AST print() cannot write (e.g. an empty selection set): skip it
      }
      list.splice(j, 0, removed);
      if (printed !== null && printed !== text) yield printed;
    }
  }
  const printed = print(ast);
  if (printed !== text) yield printed;
}

function* textCandidates(text) {
  for (let size = Math.max(1, text.length >> 1); size >= 1; size >>= 1) {
    for (let at = 0; at + size <= text.length; at += size) yield text.slice(0, at) + text.slice(at + size);
    if (size === 1) break;
  }
}

// ---- driver ---------------------------------------------------------------------------

export async function shrink(c, stillFails) {
  let best = { ...c };
  let tries = 0;
  const fields = [
    ['query', astCandidates],
    ['root', jsonCandidates],
    ['variables', jsonCandidates],
    ['schema', astCandidates],
  ];
  if (best.operation && (await stillFails({ ...best, operation: null }))) best.operation = null;
  for (let progress = true; progress && tries < MAX_TRIES; ) {
    progress = false;
    for (const [key, candidates] of fields) {
      if (best[key] === null) continue;
      for (const text of candidates(best[key])) {
        if (++tries > MAX_TRIES) break;
        if (text.length >= best[key].length && key !== 'query' && key !== 'schema') continue;
        const cand = { ...best, [key]: text };
        if (await stillFails(cand)) {
          best = cand;
          progress = true;
          break; // restart from the smaller text
        }
      }
    }
  }
  return best;
}
