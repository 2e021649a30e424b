// Helpers for the service-kit integration tests: free ports, temporary
// configs, starting/stopping the real kit-test-service binary, raw HTTP.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import net from 'node:net';
import { createRequire } from 'node:module';
import { before, after } from 'node:test';
import assert from 'node:assert/strict';

export const BIN = process.env.KIT_TEST_SERVICE;
if (!BIN) throw new Error('KIT_TEST_SERVICE is not set (run through ctest)');
export const JS_DIR = process.env.KUBOS_JS_DIR;
export const requireJs = createRequire(join(JS_DIR ?? '.', 'package.json'));

export function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

export function tempDir() {
  return mkdtempSync(join(tmpdir(), 'kit-test-'));
}

export function writeConfig(dir, text, name = 'config.toml') {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

export function configFor(port, extra = '', ip = '127.0.0.1') {
  return `[kit-test-service.addr]\nip = "${ip}"\nport = ${port}\n\n[kit-test-service]\n${extra}\n`;
}

// Runs the binary to completion (for exit-status tests).
export function runToExit(args, timeoutMs = 10000) {
  return new Promise((resolve) => {
    const p = spawn(BIN, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '', stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => p.kill('SIGKILL'), timeoutMs);
    p.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

// Starts the service and waits until it answers {ping}.
export async function startService({ extra = '', args = [], ip = '127.0.0.1' } = {}) {
  const dir = tempDir();
  const port = await freePort();
  const config = writeConfig(dir, configFor(port, extra, ip));
  const proc = spawn(BIN, ['-c', config, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  proc.stdout.on('data', (d) => (output += d));
  proc.stderr.on('data', (d) => (output += d));
  const exited = new Promise((resolve) => proc.on('exit', (code, signal) => resolve({ code, signal })));
  const host = ip.includes(':') ? `[${ip}]` : ip;
  const url = `http://${host}:${port}/`;
  const deadline = Date.now() + 10000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`service exited early (${proc.exitCode}): ${output}`);
    try {
      const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ping}"}' });
      if (r.status === 200) break;
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) throw new Error(`service did not start: ${output}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    port, url, dir, config, proc, exited,
    output: () => output,
    async stop() {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
      const r = await exited;
      rmSync(dir, { recursive: true, force: true });
      return r;
    },
  };
}

// One raw HTTP/1.1 exchange on a fresh socket: returns {status, headers, body, raw}.
export function rawRequest(port, text, { timeoutMs = 5000, host = '127.0.0.1' } = {}) {
  return new Promise((resolve, reject) => {
    const sock = net.connect(port, host);
    let data = Buffer.alloc(0);
    const timer = setTimeout(() => { sock.destroy(); reject(new Error('raw request timed out')); }, timeoutMs);
    sock.on('data', (d) => {
      data = Buffer.concat([data, d]);
      const parsed = parseResponse(data);
      if (parsed) { clearTimeout(timer); sock.destroy(); resolve(parsed); }
    });
    sock.on('error', (e) => { clearTimeout(timer); reject(e); });
    sock.on('close', () => { clearTimeout(timer); reject(new Error('closed before a full response: ' + data)); });
    sock.write(text);
  });
}

export function parseResponse(buf) {
  const end = buf.indexOf('\r\n\r\n');
  if (end < 0) return null;
  const head = buf.subarray(0, end).toString('latin1').split('\r\n');
  const status = Number(head[0].split(' ')[1]);
  const headers = {};
  for (const line of head.slice(1)) {
    const i = line.indexOf(':');
    headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  const len = Number(headers['content-length'] ?? 0);
  if (buf.length < end + 4 + len) return null;
  return { status, headers, body: buf.subarray(end + 4, end + 4 + len).toString('utf8'), raw: buf.subarray(0, end + 4 + len) };
}

export async function gql(url, body, headers = { 'content-type': 'application/json' }) {
  const r = await fetch(url, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
  return { status: r.status, headers: r.headers, text: await r.text() };
}

// One service for a whole test file: started before, stopped after, and its
// exit after SIGTERM must be clean (sanitizer builds report problems there).
export function suiteService(options) {
  const holder = { current: null };
  before(async () => { holder.current = await startService(options); });
  after(async () => {
    const { code, signal } = await holder.current.stop();
    assert.deepEqual({ code, signal }, { code: 0, signal: null }, 'clean exit after SIGTERM');
  });
  return new Proxy({}, { get: (_, key) => holder.current[key] });
}
