// Command line and config.toml failures of a real service binary
// (docs/services.md, "Command line" and "config.toml"): exit status and the one line on stderr.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import net from 'node:net';
import { runToExit, tempDir, writeConfig, freePort, startService } from './lib.mjs';

function oneLine(stderr) {
  const lines = stderr.split('\n').filter((l) => l.length > 0);
  assert.equal(lines.length, 1, `expected one line on stderr, got: ${JSON.stringify(stderr)}`);
  return lines[0];
}

async function configError(text) {
  const dir = tempDir();
  const path = writeConfig(dir, text);
  const r = await runToExit(['-c', path]);
  assert.equal(r.code, 1, `exit status: ${JSON.stringify(r)}`);
  assert.equal(r.signal, null);
  const line = oneLine(r.stderr);
  assert.ok(line.includes(path), `names the file: ${line}`);
  return line;
}

test('SK_CFG_14 missing file: exit 1, names the file and the reason', async () => {
  const r = await runToExit(['-c', '/nonexistent/kit/config.toml']);
  assert.equal(r.code, 1);
  assert.equal(oneLine(r.stderr),
    'kit-test-service: config error: /nonexistent/kit/config.toml: cannot read config file: No such file or directory');
});

test('SK_CFG_15 TOML syntax error: names file, line and column', async () => {
  const line = await configError('[kit-test-service.addr]\nip = "127.0.0.1"\nport = = 8\n');
  assert.match(line, /config\.toml:3:\d+: TOML syntax error/);
});

test('SK_CFG_16 missing section', async () => {
  const line = await configError('[other-service.addr]\nip = "127.0.0.1"\nport = 8000\n');
  assert.match(line, /config\.toml: no \[kit-test-service\] section$/);
});

test('SK_CFG_17 missing addr, ip, port', async () => {
  assert.match(await configError('[kit-test-service]\nx = 1\n'), /kit-test-service\.addr: missing/);
  assert.match(await configError('[kit-test-service.addr]\nport = 8000\n'), /kit-test-service\.addr\.ip: missing/);
  assert.match(await configError('[kit-test-service.addr]\nip = "127.0.0.1"\n'), /kit-test-service\.addr\.port: missing/);
});

test('SK_CFG_18 wrong type names the key and both types', async () => {
  assert.match(await configError('[kit-test-service.addr]\nip = "127.0.0.1"\nport = "8000"\n'),
    /config\.toml:3: kit-test-service\.addr\.port: expected an integer, found a string$/);
  assert.match(await configError('[kit-test-service.addr]\nip = "127.0.0.1"\nport = 8000\n[kit-test-service]\nmax-body-bytes = "big"\n'),
    /config\.toml:5: kit-test-service\.max-body-bytes: expected an integer, found a string$/);
});

test('SK_CFG_19 port out of range', async () => {
  assert.match(await configError('[kit-test-service.addr]\nip = "127.0.0.1"\nport = 70000\n'),
    /kit-test-service\.addr\.port: 70000 is out of range \(1\.\.65535\)$/);
});

test('SK_CFG_24 port in use: exit 1 naming the address', async () => {
  const port = await freePort();
  const blocker = net.createServer();
  await new Promise((r) => blocker.listen(port, '127.0.0.1', r));
  try {
    const dir = tempDir();
    const path = writeConfig(dir, `[kit-test-service.addr]\nip = "127.0.0.1"\nport = ${port}\n`);
    const r = await runToExit(['-c', path]);
    assert.equal(r.code, 1);
    assert.equal(oneLine(r.stderr),
      `kit-test-service: cannot listen on 127.0.0.1:${port}: Address already in use (kit-test-service.addr in ${path})`);
  } finally {
    blocker.close();
  }
});

test('SK_CFG_25 an unresolvable host name: exit 1 naming it', async () => {
  const dir = tempDir();
  const path = writeConfig(dir, '[kit-test-service.addr]\nip = "no-such-host.invalid"\nport = 8000\n');
  const r = await runToExit(['-c', path]);
  assert.equal(r.code, 1);
  assert.match(oneLine(r.stderr), /cannot listen on no-such-host\.invalid:8000: cannot resolve/);
});

test('SK_CFG_22 without -c both default paths are tried and named', async () => {
  // This machine has neither /home/system/etc/config.toml nor /etc/kubos-config.toml
  // unless a KubOS image is installed; then the service would start, which we skip.
  const { existsSync } = await import('node:fs');
  if (existsSync('/home/system/etc/config.toml') || existsSync('/etc/kubos-config.toml')) return;
  const r = await runToExit([]);
  assert.equal(r.code, 1);
  assert.match(oneLine(r.stderr),
    /no config file: neither \/home\/system\/etc\/config\.toml nor \/etc\/kubos-config\.toml exists \(give one with -c PATH\)/);
});

test('SK_CLI_8 a bad flag or value: one line on stderr, exit 2', async () => {
  for (const args of [['--bogus'], ['-l', 'loud'], ['-c'], ['-l']]) {
    const r = await runToExit(args);
    assert.equal(r.code, 2, `${args}: ${JSON.stringify(r)}`);
    oneLine(r.stderr);
  }
});

test('SK_CLI_9 --help and --version exit 0', async () => {
  const h = await runToExit(['--help']);
  assert.equal(h.code, 0);
  for (const f of ['-c', '--config', '-l', '--stdout', '--version', '-b']) assert.ok(h.stdout.includes(f), f);
  const v = await runToExit(['--version']);
  assert.equal(v.code, 0);
  assert.match(v.stdout, /^kit-test-service \d+\.\d+\.\d+\n$/);
});

test('SK_CLI_10 services add their own flags (-b/--onboot here)', async () => {
  const s = await startService({ args: ['-b', '--stdout'] });
  await new Promise((r) => setTimeout(r, 100));
  assert.match(s.output(), /--onboot given/);
  await s.stop();
});

test('SK_CFG_23 a bad limit value is a config error naming the key', async () => {
  const line = await configError('[kit-test-service.addr]\nip = "127.0.0.1"\nport = 8000\n[kit-test-service]\nworkers = 0\n');
  assert.match(line, /kit-test-service\.workers: 0 is out of range \(1\.\.256\)$/);
});

test('SK_CFG_20 a misspelt optional key warns once, naming file, line and the nearest key, and the service serves', async () => {
  const svc = await startService({ extra: 'max-sleep-msec = 10\nworkrs = 2\nmax-batch = 4\n', args: ['--stdout'] });
  try {
    const r = await fetch(svc.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ping}"}' });
    assert.equal(r.status, 200);
    const lines = svc.output().split('\n');
    const sleep = lines.filter((l) => l.includes('max-sleep-msec'));
    assert.equal(sleep.length, 1, svc.output());
    assert.match(sleep[0], /warn config: .*config\.toml:\d+: kit-test-service\.max-sleep-msec: unknown key, ignored \(did you mean max-sleep-ms\?\)$/);
    const workers = lines.filter((l) => l.includes('workrs'));
    assert.equal(workers.length, 1, svc.output());
    assert.match(workers[0], /kit-test-service\.workrs: unknown key, ignored \(did you mean workers\?\)$/);  // a kit limit key
    assert.ok(!svc.output().includes('max-batch'), 'a key that is read is not reported');
  } finally {
    await svc.stop();
  }
});

test('SK_CFG_21 TOML syntax errors are said in plain words, keeping file:line:column', async () => {
  const head = '[kit-test-service.addr]\nip = "127.0.0.1"\nport = 8000\n[kit-test-service]\n';
  assert.match(await configError(head + 'name = "unterminated\n'), /config\.toml:5:\d+: TOML syntax error: unterminated string/);
  assert.match(await configError(head + 'workers 4\n'), /config\.toml:5:\d+: TOML syntax error: missing '=' between the key and its value/);
  assert.match(await configError(head + 'name = hello\n'), /config\.toml:5:\d+: TOML syntax error: bad value: text must be quoted/);
});

test('SK_LOG_10 without --stdout and no syslog daemon, the service says so once on stderr', async () => {
  const { existsSync } = await import('node:fs');
  if (existsSync('/dev/log')) return;  // a syslog daemon may be listening here
  const svc = await startService();
  try {
    const deadline = Date.now() + 5000;
    while (!svc.output().includes('syslog is unreachable') && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 20));
    }
    const lines = svc.output().split('\n').filter((l) => l.includes('syslog is unreachable'));
    assert.deepEqual(lines, ['kit-test-service: syslog is unreachable (/dev/log: No such file or directory): ' +
      'log lines are lost; run with --stdout to see them']);
  } finally {
    await svc.stop();
  }
});

test('SK_LOG_11 with --stdout a fatal error is printed once', async () => {
  const r = await runToExit(['-c', '/nonexistent/kit/config.toml', '--stdout']);
  assert.equal(r.code, 1);
  assert.equal(r.stdout, '');
  oneLine(r.stderr);
});
