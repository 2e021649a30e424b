// The hardware-service base (docs/hardware-services.md) as a service
// built with kubos::service::hardware::buildSchema answers it over HTTP.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { suiteService, gql } from './lib.mjs';

const svc = suiteService();

const q = async (query, variables) => JSON.parse((await gql(svc.url, { query, variables })).text);

test('SK_HW_1 ping is "pong"; power and telemetry as bound; noop true', async () => {
  assert.deepEqual(await q('{ ping }'), { data: { ping: 'pong' } });
  const p = await q('{ power { state uptime } telemetry { voltage } }');
  assert.equal(p.data.power.state, 'ON');
  assert.equal(typeof p.data.power.uptime, 'number');
  assert.deepEqual(p.data.telemetry, { voltage: 5.0 });
  // A service with telemetry of its own does not serve the base schema's placeholder.
  const f = await q('{ telemetry { field1 } }');
  assert.equal(f.data, undefined);
  assert.match(f.errors[0].message, /Cannot query field "field1" on type "Telemetry"/);
  assert.deepEqual(await q('mutation { noop }'), { data: { noop: true } });
});

test('SK_HW_2 an unbound base operation is a "Not Implemented" field error; other fields unaffected', async () => {
  const r = await q('{ config ping }');
  assert.deepEqual(r.data, { config: null, ping: 'pong' });
  assert.deepEqual(r.errors, [{ message: 'Not Implemented', locations: [{ line: 1, column: 3 }], path: ['config'] }]);
  const m = await q('mutation { controlPower(input: {state: RESET}) { power { state } } }');
  assert.deepEqual(m.data, { controlPower: null });
  assert.equal(m.errors[0].message, 'Not Implemented');
  assert.deepEqual(m.errors[0].path, ['controlPower']);
});

test('SK_HW_4 commandRaw HEX and STR; the response in the caller\'s format', async () => {
  let r = await q('mutation { commandRaw(input: {command: "74657374", format: HEX}) { response format } }');
  assert.deepEqual(r, { data: { commandRaw: { response: '74736574', format: 'HEX' } } });
  r = await q('mutation { commandRaw(input: {command: "test", format: STR}) { response format } }');
  assert.deepEqual(r, { data: { commandRaw: { response: 'tset', format: 'STR' } } });
  // binary bytes asked as STR come back as HEX
  r = await q('mutation { commandRaw(input: {command: "x", format: STR, read: 2}) { response format } }');
  assert.deepEqual(r, { data: { commandRaw: { response: 'ffff', format: 'HEX' } } });
});

test('SK_HW_5 bad hex is a clear field error, never a crash', async () => {
  let r = await q('mutation { commandRaw(input: {command: "abc", format: HEX}) { response } }');
  assert.deepEqual(r.data, { commandRaw: null });
  assert.equal(r.errors[0].message, 'Invalid HEX command: odd number of hex digits (3)');
  r = await q('mutation { commandRaw(input: {command: "00zz", format: HEX}) { response } }');
  assert.equal(r.errors[0].message, "Invalid HEX command: invalid hex digit 'z' at position 2");
  r = await q('mutation { commandRaw(input: {command: "00", format: HEX, read: -1}) { response } }');
  assert.match(r.errors[0].message, /read must be between 0 and 65536/);
  assert.deepEqual(await q('{ ping }'), { data: { ping: 'pong' } }, 'still serving');
});

test('SK_HW_6 the base schema types are KubOS\'s outline\'s (introspection)', async () => {
  const r = await q(`{ __schema { queryType { fields { name type { name kind } } } mutationType { fields { name args { name type { kind ofType { name } } } } } } }`);
  const qf = Object.fromEntries(r.data.__schema.queryType.fields.map((f) => [f.name, f.type.name]));
  assert.equal(qf.ping, 'String');
  assert.equal(qf.config, 'String');
  assert.equal(qf.power, 'PowerState');
  assert.equal(qf.telemetry, 'Telemetry');
  const mf = Object.fromEntries(r.data.__schema.mutationType.fields.map((f) => [f.name, f.args]));
  assert.deepEqual(mf.noop, []);
  assert.deepEqual(mf.controlPower, [{ name: 'input', type: { kind: 'NON_NULL', ofType: { name: 'ControlPowerInput' } } }]);
  assert.deepEqual(mf.commandRaw, [{ name: 'input', type: { kind: 'NON_NULL', ofType: { name: 'CommandRawInput' } } }]);
  const t = await q('{ __type(name: "CommandRawInput") { inputFields { name type { kind name ofType { name } } } } }');
  assert.deepEqual(t.data.__type.inputFields.map((f) => f.name), ['command', 'format', 'read']);
  const e = await q('{ a: __type(name: "FormatEnum") { enumValues { name } } b: __type(name: "PowerStateEnum") { enumValues { name } } }');
  assert.deepEqual(e.data.a.enumValues.map((v) => v.name), ['HEX', 'STR']);
  assert.deepEqual(e.data.b.enumValues.map((v) => v.name), ['ON', 'OFF', 'RESET']);
});

test('SK_HW_10 the SDL file has the outline\'s operations', () => {
  const sdl = readFileSync(fileURLToPath(new URL('../../lib/service/schema/hardware_base.graphql', import.meta.url)), 'utf8');
  for (const s of ['ping: String', 'config: String', 'power: PowerState', 'telemetry: Telemetry', 'noop: Boolean',
    'input: ControlPowerInput!', 'input: CommandRawInput!', 'command: String!', 'format: FormatEnum!', 'read: Int',
    'response: String', 'format: FormatEnum', 'power: PowerState', 'state: PowerStateEnum!', 'uptime: Int'])
    assert.ok(sdl.includes(s), s);
});
