// GraphiQL at /graphiql in a real headless Debian chromium, with every
// request outside the service refused: the page loads from the service alone,
// introspects the schema, runs {ping} and shows "pong". No chromium: FAIL.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suiteService, requireJs } from './lib.mjs';

const CHROMIUM = '/usr/bin/chromium';
const svc = suiteService();

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
