// GraphQL over HTTP through the real kit-test-service binary (docs/services.md,
// "GraphQL over HTTP"). Test names carry the requirement IDs of lib/service/README.md.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { startService, suiteService, rawRequest, gql } from './lib.mjs';

const svc = suiteService({ extra: 'max-body-bytes = 4096\nheader-timeout-ms = 300\nmax-query-depth = 4\nmax-field-count = 20', args: ['--stdout', '-l', 'debug'] });

const JSON_CT = { 'content-type': 'application/json' };

test('SK_GQL_1 POST on any path answers compact JSON with Content-Length', async () => {
  for (const path of ['', 'graphql', 'any/where']) {
    const r = await fetch(svc.url + path, { method: 'POST', headers: JSON_CT, body: '{"query":"{ ping }"}' });
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('content-type'), 'application/json');
    const text = await r.text();
    assert.equal(text, '{"data":{"ping":"pong"}}');
    assert.equal(Number(r.headers.get('content-length')), Buffer.byteLength(text));
  }
});

test('SK_GQL_2 a POST without Content-Type is read as JSON (the comms forwarder sends none)', async () => {
  const body = '{"query":"{ping}"}';
  const r = await rawRequest(svc.port, `POST / HTTP/1.1\r\nHost: x\r\nContent-Length: ${body.length}\r\n\r\n${body}`);
  assert.equal(r.status, 200);
  assert.equal(r.body, '{"data":{"ping":"pong"}}');
});

test('SK_GQL_3 another Content-Type is a 415', async () => {
  const r = await gql(svc.url, '{"query":"{ping}"}', { 'content-type': 'text/plain' });
  assert.equal(r.status, 415);
  assert.match(JSON.parse(r.text).errors[0].message, /Unsupported Content-Type/);
  const ok = await gql(svc.url, '{"query":"{ping}"}', { 'content-type': 'application/json; charset=utf-8' });
  assert.equal(ok.status, 200);
});

test('SK_GQL_4 a batch is answered by an array in order', async () => {
  const r = await gql(svc.url, [{ query: '{ping}' }, { query: 'query Q($t: String){echo(text: $t)}', variables: { t: 'hi' } }, { query: '{nope}' }]);
  assert.equal(r.status, 200);
  const a = JSON.parse(r.text);
  assert.equal(a.length, 3);
  assert.deepEqual(a[0], { data: { ping: 'pong' } });
  assert.deepEqual(a[1], { data: { echo: 'hi' } });
  assert.equal(a[2].data, undefined);
  assert.match(a[2].errors[0].message, /Cannot query field "nope"/);
});

test('SK_GQL_5 GET runs queries; operation name and variables from the query string', async () => {
  let r = await fetch(svc.url + '?query=' + encodeURIComponent('{ping}'));
  assert.equal(r.status, 200);
  assert.equal(await r.text(), '{"data":{"ping":"pong"}}');
  const q = encodeURIComponent('query A { ping } query B($t: String) { echo(text: $t) }');
  r = await fetch(`${svc.url}?query=${q}&operationName=B&variables=${encodeURIComponent('{"t":"x y"}')}`);
  assert.equal(await r.text(), '{"data":{"echo":"x y"}}');
  // KubOS's juniper read operation_name; still accepted.
  r = await fetch(`${svc.url}?query=${q}&operation_name=A`);
  assert.equal(await r.text(), '{"data":{"ping":"pong"}}');
});

test('SK_GQL_6 a mutation over GET is refused with 405 and Allow: POST', async () => {
  const r = await fetch(svc.url + '?query=' + encodeURIComponent('mutation { setValue(value: 1) }'));
  assert.equal(r.status, 405);
  assert.equal(r.headers.get('allow'), 'POST');
  assert.match(await r.text(), /mutation operation from a POST/);
  // and it did not run: the value is still settable over POST, returns what we set
  const p = await gql(svc.url, { query: 'mutation { setValue(value: 7) }' });
  assert.equal(p.text, '{"data":{"setValue":7}}');
});

test('SK_GQL_7 GET without query, bad variables JSON, other methods', async () => {
  let r = await fetch(svc.url);
  assert.equal(r.status, 400);
  assert.deepEqual(await r.json(), { errors: [{ message: 'Missing query' }] });
  r = await fetch(svc.url + '?query=%7Bping%7D&variables=%7Bbad');
  assert.equal(r.status, 400);
  r = await fetch(svc.url, { method: 'PUT', headers: JSON_CT, body: '{}' });
  assert.equal(r.status, 405);
  assert.equal(r.headers.get('allow'), 'GET, POST');
});

test('SK_GQL_8 Accept: application/graphql-response+json; request errors are 400 without data', async () => {
  const h = { 'content-type': 'application/json', accept: 'application/graphql-response+json' };
  let r = await gql(svc.url, { query: '{ping}' }, h);
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('content-type'), 'application/graphql-response+json');
  r = await gql(svc.url, { query: '{ nope }' }, h);
  assert.equal(r.status, 400);
  assert.equal(JSON.parse(r.text).data, undefined);
  // application/json: the same request error is a 200 (GraphQL-over-HTTP)
  r = await gql(svc.url, { query: '{ nope }' });
  assert.equal(r.status, 200);
  assert.ok(JSON.parse(r.text).errors.length > 0);
});

test('SK_GQL_9 a field error keeps the other fields, with message, locations and path', async () => {
  const r = await gql(svc.url, { query: '{\n  ping\n  fail\n}' });
  assert.equal(r.status, 200);
  const body = JSON.parse(r.text);
  assert.deepEqual(Object.keys(body).sort(), ['data', 'errors']);
  assert.deepEqual(body.data, { ping: 'pong', fail: null });
  assert.deepEqual(body.errors, [{ message: 'device did not answer', locations: [{ line: 3, column: 3 }], path: ['fail'] }]);
});

test('SK_LOG_4 every error returned in a response is logged once', async () => {
  const marker = 'logged-' + Date.now();
  await gql(svc.url, { query: `{ echo(text: "${marker}") fail }` });
  await new Promise((r) => setTimeout(r, 100));
  const lines = svc.output().split('\n').filter((l) => l.includes('device did not answer'));
  assert.ok(lines.length >= 1, svc.output());
  assert.match(lines.at(-1), /^\d{4}-\d\d-\d\dT[\d:.]+Z error /);
  const before = lines.length;
  await gql(svc.url, { query: '{ fail }' });
  await new Promise((r) => setTimeout(r, 100));
  const after = svc.output().split('\n').filter((l) => l.includes('device did not answer')).length;
  assert.equal(after - before, 1, 'one log line per returned error');
});

test('SK_LIM_1 a body over max-body-bytes is a 413', async () => {
  const big = JSON.stringify({ query: '{ping}', variables: { pad: 'x'.repeat(5000) } });
  const r = await gql(svc.url, big);
  assert.equal(r.status, 413);
  const ok = await gql(svc.url, JSON.stringify({ query: '{ping}', variables: { pad: 'x'.repeat(3000) } }));
  assert.equal(ok.status, 200);
});

test('SK_LIM_2 a client that never finishes its header is dropped after header-timeout-ms', async () => {
  const t0 = Date.now();
  await new Promise((resolve, reject) => {
    const s = net.connect(svc.port, '127.0.0.1', () => s.write('POST / HTTP/1.1\r\nHost: x\r\n'));
    s.on('close', resolve);
    s.on('error', resolve);
    setTimeout(() => reject(new Error('not closed')), 3000);
  });
  const took = Date.now() - t0;
  assert.ok(took >= 250 && took < 2000, `closed after ${took} ms`);
});

test('SK_LIM_3 query depth and field count limits from config', async () => {
  let r = await gql(svc.url, { query: '{ __schema { types { fields { type { name } } } } }' });
  const body = JSON.parse(r.text);
  assert.equal(body.data, undefined, r.text);
  assert.ok(body.errors.length > 0);
  const many = Array.from({ length: 30 }, (_, i) => `a${i}: ping`).join(' ');
  r = await gql(svc.url, { query: `{ ${many} }` });
  assert.equal(JSON.parse(r.text).data, undefined, r.text);
});

test('SK_HTTP_15 keep-alive: two requests on one connection', async () => {
  const body = '{"query":"{ping}"}';
  const req = `POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`;
  const answers = await new Promise((resolve, reject) => {
    const s = net.connect(svc.port, '127.0.0.1');
    let data = '';
    s.on('data', (d) => {
      data += d;
      const n = data.split('HTTP/1.1 200').length - 1;
      if (n === 1 && !s.sentSecond) { s.sentSecond = true; s.write(req); }
      if (n === 2 && data.endsWith('{"data":{"ping":"pong"}}')) { s.destroy(); resolve(data); }
    });
    s.on('error', reject);
    s.write(req);
    setTimeout(() => reject(new Error('timeout: ' + data)), 3000);
  });
  assert.equal(answers.split('Content-Length:').length - 1, 2);
});

test('SK_CONC_1 {ping} answers within 50 ms while a resolver blocks for 1 s', async () => {
  const slow = gql(svc.url, { query: '{ slow(ms: 1000) }' });
  await new Promise((r) => setTimeout(r, 100));
  const times = [];
  for (let i = 0; i < 5; i++) {
    const sock = await new Promise((resolve) => { const s = net.connect(svc.port, '127.0.0.1', () => resolve(s)); });
    const body = '{"query":"{ping}"}';
    const t0 = process.hrtime.bigint();
    const text = await new Promise((resolve) => {
      let d = '';
      sock.on('data', (c) => { d += c; if (d.endsWith('}}')) resolve(d); });
      sock.write(`POST / HTTP/1.1\r\nHost: x\r\nContent-Length: ${body.length}\r\n\r\n${body}`);
    });
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    sock.destroy();
    assert.match(text, /"pong"/);
  }
  const r = await slow;
  assert.equal(r.text, '{"data":{"slow":"slept 1000 ms"}}');
  assert.ok(Math.max(...times) < 50, `ping took ${times.map((t) => t.toFixed(1)).join(', ')} ms`);
});

test('SK_HTTP_16 SIGTERM: the request in flight completes, exit status 0', async () => {
  const s2 = await startService();
  const inflight = gql(s2.url, { query: '{ slow(ms: 500) }' });
  await new Promise((r) => setTimeout(r, 100));
  s2.proc.kill('SIGTERM');
  const r = await inflight;
  assert.equal(r.text, '{"data":{"slow":"slept 500 ms"}}');
  const { code } = await s2.exited;
  assert.equal(code, 0);
  await s2.stop();
});

test('SK_CONC_2 a full queue answers 503 at once', async () => {
  const s3 = await startService({ extra: 'workers = 1\nqueue-length = 1' });
  const first = gql(s3.url, { query: '{ slow(ms: 600) }' });
  await new Promise((r) => setTimeout(r, 50));
  const second = gql(s3.url, { query: '{ slow(ms: 10) }' });
  await new Promise((r) => setTimeout(r, 50));
  const t0 = Date.now();
  const third = await gql(s3.url, { query: '{ ping }' });
  assert.equal(third.status, 503);
  assert.ok(Date.now() - t0 < 300);
  assert.equal((await first).status, 200);
  assert.equal((await second).status, 200);
  await s3.stop();
});

async function hasIpv6Loopback() {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen(0, '::1', () => probe.close(() => resolve(true)));
  });
}

test('SK_CFG_2 IPv6 and host-name addresses', async (t) => {
  if (await hasIpv6Loopback()) {
    const s6 = await startService({ ip: '::1' });
    assert.equal((await gql(s6.url, { query: '{ping}' })).text, '{"data":{"ping":"pong"}}');
    await s6.stop();
  } else {
    t.diagnostic('this machine has no IPv6 loopback: the ::1 case was not run');
  }
  const sh = await startService({ ip: 'localhost' });
  assert.equal((await gql(`http://localhost:${sh.port}/`, { query: '{ping}' })).status, 200);
  await sh.stop();
});
