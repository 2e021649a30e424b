// GraphiQL at /graphiql in a real headless Debian chromium, with every
// request outside the service refused: the page loads from the service alone,
// introspects the schema, runs {ping} and shows "pong". No chromium: FAIL.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import http from 'node:http';
import { gunzipSync } from 'node:zlib';
import { suiteService, requireJs } from './lib.mjs';

const CHROMIUM = '/usr/bin/chromium';
const svc = suiteService();

// One request with node:http, which never decompresses: the raw body bytes.
function rawGet(path, headers = {}, method = 'GET') {
  return new Promise((resolve, reject) => {
    const req = http.request(new URL(path, svc.url), { method, headers, agent: false }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

const JS = 'graphiql/graphiql.min.js';

test('SK_GIQL_4 a gzip body decompresses to exactly the identity body', async () => {
  const plain = await rawGet(JS);
  const gz = await rawGet(JS, { 'accept-encoding': 'gzip, deflate, br' });
  assert.equal(gz.status, 200);
  assert.equal(gz.headers['content-encoding'], 'gzip');
  assert.equal(gz.headers.vary, 'Accept-Encoding');
  assert.equal(Number(gz.headers['content-length']), gz.body.length);
  assert.ok(gz.body.length < plain.body.length / 2, `${gz.body.length} of ${plain.body.length} bytes`);
  assert.ok(gunzipSync(gz.body).equals(plain.body));
  // HEAD: GET's header, the compressed length, no body.
  const head = await rawGet(JS, { 'accept-encoding': 'gzip' }, 'HEAD');
  assert.equal(head.headers['content-encoding'], 'gzip');
  assert.equal(Number(head.headers['content-length']), gz.body.length);
  assert.equal(head.body.length, 0);
});

test('SK_GIQL_5 no gzip when the client does not accept it', async () => {
  const plain = await rawGet(JS);
  assert.equal(plain.headers['content-encoding'], undefined);
  assert.equal(plain.headers.vary, 'Accept-Encoding');
  for (const ae of ['identity', 'gzip;q=0', '*;q=0, identity', 'br']) {
    const r = await rawGet(JS, { 'accept-encoding': ae });
    assert.equal(r.headers['content-encoding'], undefined, ae);
    assert.ok(r.body.equals(plain.body), ae);
  }
});

test('SK_GIQL_6 a matching If-None-Match gets 304 with no body', async () => {
  const plain = await rawGet(JS);
  const etag = plain.headers.etag;
  assert.match(etag, /^"[^"]+"$/, 'a strong ETag');
  for (const method of ['GET', 'HEAD']) {
    const r = await rawGet(JS, { 'if-none-match': etag }, method);
    assert.equal(r.status, 304, method);
    assert.equal(r.body.length, 0, method);
    assert.equal(r.headers['content-length'], undefined, method);
    assert.equal(r.headers.etag, etag);
  }
  const gz = await rawGet(JS, { 'accept-encoding': 'gzip' });
  assert.notEqual(gz.headers.etag, etag);
  const gz304 = await rawGet(JS, { 'accept-encoding': 'gzip', 'if-none-match': gz.headers.etag });
  assert.equal(gz304.status, 304);
  assert.equal(gz304.body.length, 0);
  assert.equal((await rawGet(JS, { 'if-none-match': '"stale"' })).status, 200);
  // The connection stays usable after a 304 (no Content-Length, no body).
  const r = await fetch(svc.url + JS, { headers: { 'if-none-match': etag, 'accept-encoding': 'identity' } });
  assert.equal(r.status, 304);
  assert.equal((await fetch(svc.url + 'graphiql')).status, 200);
});

test('SK_GIQL_7 assets are cacheable for a day, the page revalidates', async () => {
  for (const asset of ['graphiql.min.js', 'graphiql.min.css', 'react.production.min.js', 'react-dom.production.min.js'])
    assert.equal((await rawGet('graphiql/' + asset)).headers['cache-control'], 'public, max-age=86400', asset);
  assert.equal((await rawGet('graphiql')).headers['cache-control'], 'no-cache');
});

test('SK_GIQL_1 assets are embedded and served by the service', async () => {
  const page = await fetch(svc.url + 'graphiql');
  assert.equal(page.status, 200);
  assert.match(page.headers.get('content-type'), /^text\/html/);
  const html = await page.text();
  assert.ok(!/https?:\/\//.test(html), 'no absolute URL (CDN) in the page');
  for (const asset of ['graphiql.min.js', 'graphiql.min.css', 'react.production.min.js', 'react-dom.production.min.js']) {
    const r = await fetch(svc.url + 'graphiql/' + asset);
    assert.equal(r.status, 200, asset);
    assert.ok((await r.arrayBuffer()).byteLength > 1000, asset);
  }
  assert.equal((await fetch(svc.url + 'graphiql/nope.js')).status, 404);
  assert.equal((await fetch(svc.url + 'graphiql', { method: 'POST', body: '{}' })).status, 405);
});

test('SK_GIQL_2 headless chromium: the page loads offline, runs {ping}, shows "pong"', async () => {
  assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: install the Debian package "chromium" (scripts/install-deps.sh)`);
  const { chromium } = requireJs('playwright-core');
  const profile = mkdtempSync(join(tmpdir(), 'kit-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    const foreign = [];
    const pageErrors = [];
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    // Anything not served by the service itself is refused and recorded.
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(svc.url) || url.startsWith('data:')) return route.continue();
      foreign.push(url);
      return route.abort();
    });
    let introspected = false;
    page.on('response', async (res) => {
      if (res.request().method() === 'POST' && (res.request().postData() ?? '').includes('IntrospectionQuery'))
        introspected = res.status() === 200 && (await res.text()).includes('"__schema"');
    });
    await page.goto(svc.url + 'graphiql', { waitUntil: 'load' });
    await page.waitForSelector('.graphiql-container', { timeout: 30000 });
    await page.waitForFunction(() => document.querySelector('.graphiql-query-editor')?.textContent.includes('ping'),
      null, { timeout: 30000 });
    await page.click('.graphiql-execute-button');
    await page.waitForFunction(() => document.querySelector('.result-window')?.textContent.includes('pong'),
      null, { timeout: 30000 });
    const result = await page.textContent('.result-window');
    assert.match(result, /"ping":\s*"pong"/);
    await page.waitForFunction(() => true);
    assert.deepEqual(pageErrors, []);
    assert.deepEqual(foreign, [], 'the page asked for nothing outside the service');
    assert.ok(introspected, 'GraphiQL introspected the schema');
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
});
