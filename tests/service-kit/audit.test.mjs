// The graphql-http package's server audit (GraphQL-over-HTTP spec) against a
// running service: every audit, MUST, SHOULD and MAY, must come back "ok".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { suiteService, requireJs } from './lib.mjs';

const svc = suiteService();

test('SK_AUD_1 graphql-http serverAudits: all ok', async () => {
  const { serverAudits } = requireJs('graphql-http');
  const audits = serverAudits({ url: svc.url, fetchFn: fetch });
  assert.ok(audits.length >= 40, `only ${audits.length} audits`);
  const failed = [];
  for (const audit of audits) {
    const r = await audit.fn();
    if (r.status !== 'ok') {
      let body = '';
      try { body = await r.response.text(); } catch { /* consumed */ }
      failed.push(`${r.id} [${r.status}] ${r.name}: ${r.reason} (status ${r.response?.status}) ${body}`);
    }
  }
  assert.deepEqual(failed, []);
});

test('SK_AUD_2 the audit also passes on another path (/graphql)', async () => {
  const { serverAudits } = requireJs('graphql-http');
  const results = await Promise.all(serverAudits({ url: svc.url + 'graphql', fetchFn: fetch }).map((a) => a.fn()));
  assert.deepEqual(results.filter((r) => r.status !== 'ok').map((r) => r.id), []);
});
