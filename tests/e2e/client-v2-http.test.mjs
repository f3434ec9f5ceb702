// End-to-end with the current client over HTTP: one `bastion serve --http` process (operator mode, a policy that allows
// one marker command, the server's machine shared with tenants as 'local'), driven by the official TypeScript SDK v2
// client (`@modelcontextprotocol/client` 2.4.0) with API keys, in `auto` mode (it probes server/discover and must choose
// 2026-07-28) and pinned to 2026-07-28. Per mode: a wrong key is refused with 401; tools are listed and called with
// progress; a confirmation is declined, then accepted, through the input-required result; two tenants see only their
// own hosts; and the 91st request of a minute is refused with 429 and Retry-After. Loopback (127.0.0.1) only; the
// tenants' hosts are on port 1, where nothing listens.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { startHttpServer, stopHttpServer, text } from './helpers.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const bastion = process.env.BASTION_BIN ?? path.join(root, 'src', 'Bastion', 'bin', 'Debug', 'net10.0', 'bastion');
const work = mkdtempSync(path.join(os.tmpdir(), 'bastion-e2e-v2-http-'));
const dataDir = path.join(work, 'data');
const policy = path.join(work, 'policy.yaml');
const markerOf = (mode) => path.join(os.tmpdir(), `bastion-e2e-v2-http-${process.pid}-${mode}`);
const MODES = [['auto', 'auto'], ['pin', { pin: '2026-07-28' }]];

const cli = (...args) => execFileSync(bastion, [...args, '--data-dir', dataDir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

function createKey(tenant, scopes, name) {
  const key = cli('keys', 'create', '--tenant', tenant, '--scopes', scopes.join(','), '--name', name).trim();
  assert.match(key, /^bst_[A-Za-z0-9_-]{52}$/);
  return key;
}

let server;
const keys = {};

before(async () => {
  writeFileSync(policy, `rules:\n${MODES.map(([m]) => `  - allow: ["touch ${markerOf(m)}"]\n`).join('')}`);
  for (const [m] of MODES) {
    keys[`acme-${m}`] = createKey('acme', ['hosts:read', 'metrics:read', 'commands:run'], `acme-${m}`);
    keys[`rate-${m}`] = createKey(`rate-${m}`, ['hosts:read'], `rate-${m}`);
  }
  keys.globex = createKey('globex', ['hosts:read'], 'globex');
  // Port 1, where nothing listens: a call on acme-web1 fails at once (and never reaches another suite's sshd).
  assert.match(cli('hosts', '--tenant', 'acme', 'add', 'acme-web1', '--address', '127.0.0.1', '--port', '1', '--no-test'), /Added acme-web1/);
  assert.match(cli('hosts', '--tenant', 'globex', 'add', 'globex-db1', '--address', '127.0.0.1', '--port', '1', '--no-test'), /Added globex-db1/);

  server = await startHttpServer(bastion, ['--data-dir', dataDir, '--mode', 'operator', '--policy', policy, '--share-local-host']);
});

after(async () => {
  await stopHttpServer(server);
  for (const [m] of MODES) rmSync(markerOf(m), { force: true });
  rmSync(work, { recursive: true, force: true });
});

/** A v2 client with the key, counting every HTTP answer it gets (status and Retry-After) in `seen`. */
async function connect(key, mode, { elicit, seen = [] } = {}) {
  const counting = async (url, init) => {
    const response = await fetch(url, init);
    seen.push({ status: response.status, retryAfter: response.headers.get('retry-after') });
    return response;
  };
  const transport = new StreamableHTTPClientTransport(new URL(server.url), { requestInit: { headers: { Authorization: `Bearer ${key}` } }, fetch: counting });
  const client = new Client({ name: 'bastion-e2e-v2-http', version: '1.0.0' },
    { capabilities: elicit ? { elicitation: {} } : {}, versionNegotiation: { mode } });
  if (elicit) client.setRequestHandler('elicitation/create', async (request) => elicit(request.params));
  client.onerror = () => {};
  await client.connect(transport);
  return client;
}

const hostNames = async (client) => {
  const result = await client.callTool({ name: 'hosts_list', arguments: {} });
  assert.notEqual(result.isError, true, text(result));
  return result.structuredContent.hosts.map((h) => h.name).sort();
};

for (const [m, mode] of MODES) {
  describe(`client v2 over HTTP, ${m === 'auto' ? 'auto' : 'pinned to 2026-07-28'}`, () => {
    const marker = markerOf(m);

    test('a wrong key is refused with 401', async () => {
      const forged = `bst_zzzzzzzz_${randomBytes(32).toString('base64url')}`;
      await assert.rejects(connect(forged, mode), (e) => e.code === 401 || e.status === 401 || /401|unauthori[sz]ed/i.test(`${e.message}`),
        'a client with a forged key cannot connect');
    });

    test('speaks 2026-07-28, lists the tools and calls one with progress', async () => {
      const client = await connect(keys[`acme-${m}`], mode);
      try {
        assert.equal(client.getNegotiatedProtocolVersion(), '2026-07-28', server.stderr);
        const tools = (await client.listTools()).tools.map((t) => t.name);
        for (const name of ['hosts_list', 'metrics_sample', 'commands_run']) assert.ok(tools.includes(name), `${name} missing from ${tools}`);
        let progress = 0;
        // acme-web1 fails at once, so its progress notification goes out while local is still sampling.
        const result = await client.callTool({ name: 'metrics_sample', arguments: { target: 'local,acme-web1', seconds: 0.2 } }, { onprogress: () => { progress += 1; } });
        assert.notEqual(result.isError, true, text(result));
        const hosts = Object.fromEntries(result.structuredContent.hosts.map((h) => [h.host, h]));
        assert.equal(hosts.local.result.cpu.cpu_count, os.cpus().length);
        assert.equal(hosts['acme-web1'].status, 'unreachable');
        assert.ok(progress >= 1, 'no progress notification arrived');
      } finally {
        await client.close();
      }
    });

    test('a confirmation declined runs nothing; accepted, the command runs once', async () => {
      const asked = [];
      let answer = 'decline';
      const client = await connect(keys[`acme-${m}`], mode, {
        elicit: (params) => {
          asked.push(params.message);
          return answer === 'approve' ? { action: 'accept', content: { approve: true } } : { action: 'decline' };
        },
      });
      try {
        const call = { name: 'commands_run', arguments: { target: 'local', command: `touch ${marker}` } };
        const declined = await client.callTool(call);
        assert.equal(declined.isError, true);
        assert.equal(text(declined), 'The user declined; nothing ran.');
        assert.equal(existsSync(marker), false);
        assert.match(asked[0], new RegExp(`^Bastion is about to run \`touch ${marker}\` .* on local \\(1 host\\) as key:`));

        answer = 'approve';
        const ran = await client.callTool(call);
        assert.notEqual(ran.isError, true, text(ran));
        assert.equal(existsSync(marker), true);
        assert.equal(asked.length, 2);
        // Asked through an input-required result with a sealed request state, recorded in the tenant's own audit log.
        const audit = path.join(dataDir, 'tenants', 'acme', 'audit');
        const entries = readdirSync(audit).filter((f) => f.endsWith('.jsonl'))
          .flatMap((f) => readFileSync(path.join(audit, f), 'utf8').trim().split('\n').map((line) => JSON.parse(line)));
        const mine = entries.filter((e) => JSON.stringify(e).includes(marker));
        assert.deepEqual(mine.map((e) => [e.phase, e.decision]),
          [['call', 'confirmation_required'], ['call', 'declined'], ['call', 'confirmation_required'], ['intent', 'confirmed'], ['outcome', 'confirmed']]);
        assert.match(mine[0].reason, /^asked through an input-required result/);
      } finally {
        await client.close();
      }
    });

    test('two tenants at once see only their own hosts', async () => {
      const [acme, globex] = await Promise.all([connect(keys[`acme-${m}`], mode), connect(keys.globex, mode)]);
      try {
        const [acmeHosts, globexHosts] = await Promise.all([hostNames(acme), hostNames(globex)]);
        assert.deepEqual(acmeHosts, ['acme-web1', 'local']);
        assert.deepEqual(globexHosts, ['globex-db1', 'local']);
        const unknown = await globex.callTool({ name: 'hosts_describe', arguments: { target: 'acme-web1' } });
        assert.equal(unknown.isError, true);
        assert.match(text(unknown), /Unknown host 'acme-web1'/);
      } finally {
        await acme.close();
        await globex.close();
      }
    });

    test('the 91st request of a minute is refused with 429 and Retry-After', async () => {
      const seen = [];
      const started = Date.now();
      const client = await connect(keys[`rate-${m}`], mode, { seen });
      let refusal = null;
      try {
        for (let i = 0; i < 120 && !refusal; i++) {
          refusal = await client.callTool({ name: 'hosts_list', arguments: {} }).then(() => null, (e) => e);
        }
      } finally {
        await client.close();
      }
      assert.ok(Date.now() - started < 60_000, 'the requests took under a minute');
      const first = seen.findIndex((s) => s.status === 429);
      assert.equal(first, 90, `the first 429 answers request ${first + 1}: ${JSON.stringify(seen.map((s) => s.status))}`);
      assert.deepEqual(seen.slice(0, 90).filter((s) => s.status >= 300), [], 'the first 90 requests are served');
      const retryAfter = Number(seen[90].retryAfter);
      assert.ok(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60, `Retry-After ${seen[90].retryAfter}`);
      assert.ok(refusal, 'the client reports the refusal');
      assert.match(`${refusal.message}`, /rate limit|429/i);
    });
  });
}
