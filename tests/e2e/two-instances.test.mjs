// End-to-end with two instances: nginx (Debian's, an instance of its own in a temporary prefix) round-robin on a
// loopback port in front of two `bastion serve --http --store postgres://…` processes that share one throwaway database
// on the PostgreSQL named by BASTION_TEST_PG (.ci/run starts one). The official TypeScript SDK v2 client
// (`@modelcontextprotocol/client` 2.4.0) pinned to 2026-07-28 talks to nginx only. Proven: the calls alternate between
// the instances (nginx's access log names the upstream of every request) and land in one audit chain that
// `bastion audit verify --store` passes with as many entries as calls; a confirmation asked on one instance is answered
// on the other (declined, then accepted); the rate limit of 90 per minute holds in total; and with one instance
// SIGKILLed mid-run the calls go on, none is recorded twice, none that was answered is missing, and the chain verifies.
// Every instance holds the same keys.json, confirmation.key and store-audit.key, as docs/deploy/shared-store.md says.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { Client as LegacyClient } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport as LegacyTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { nginxBinary, startHttpServer, startNginx, stopHttpServer, text } from './helpers.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const bastion = process.env.BASTION_BIN ?? path.join(root, 'src', 'Bastion', 'bin', 'Debug', 'net10.0', 'bastion');
const nginx = nginxBinary();
const pgSetting = process.env.BASTION_TEST_PG;
const skip = !pgSetting
  ? 'no PostgreSQL: set BASTION_TEST_PG to an Npgsql connection string of a role that may create databases (.ci/run starts one)'
  : !nginx ? 'no nginx on this machine: apt-get install nginx (.ci/run installs it)' : false;

/** Host, Port, Username, Password of the Npgsql connection string in BASTION_TEST_PG. */
const pg = Object.fromEntries((pgSetting ?? '').split(';').filter(Boolean).map((kv) => {
  const at = kv.indexOf('=');
  return [kv.slice(0, at).trim().toLowerCase(), kv.slice(at + 1).trim()];
}));
const database = `bastion_e2e_${randomBytes(6).toString('hex')}`;
const storeUrl = `postgres://${pg.username}@${pg.host}:${pg.port}/${database}`;
const pgEnv = { PGPASSWORD: pg.password ?? '' };
const psql = (sql) => execFileSync('psql', ['-h', pg.host, '-p', pg.port, '-U', pg.username, '-d', 'postgres', '-qAtc', sql],
  { encoding: 'utf8', env: { ...process.env, ...pgEnv }, stdio: ['ignore', 'pipe', 'pipe'] });

const work = mkdtempSync(path.join(os.tmpdir(), 'bastion-e2e-two-'));
const dirs = { a: path.join(work, 'a'), b: path.join(work, 'b') };
const policy = path.join(work, 'policy.yaml');
const marker = path.join(os.tmpdir(), `bastion-e2e-two-${process.pid}`);

const cli = (dir, ...args) => execFileSync(bastion, [...args, '--data-dir', dir], { encoding: 'utf8', env: { ...process.env, ...pgEnv }, stdio: ['ignore', 'pipe', 'pipe'] });

/** `bastion audit verify|export --store` of one tenant: exit code and output. */
function audit(verb, tenant) {
  try {
    return { code: 0, out: cli(dirs.a, 'audit', verb, '--store', storeUrl, '--tenant', tenant) };
  } catch (e) {
    return { code: e.status, out: `${e.stdout}${e.stderr}` };
  }
}

const entriesOf = (tenant) => audit('export', tenant).out.trim().split('\n').filter(Boolean).map((line) => JSON.parse(line));

const instances = {};
let balancer;
const keys = {};

describe('two instances behind nginx on one PostgreSQL', { skip }, () => {
  before(async () => {
    psql(`CREATE DATABASE ${database} ENCODING 'UTF8' TEMPLATE template0`);
    for (const dir of Object.values(dirs)) mkdirSync(dir, { recursive: true, mode: 0o700 });
    writeFileSync(policy, `rules:\n  - allow: ["touch ${marker}"]\n`);
    for (const [tenant, scopes] of [['alt', 'hosts:read'], ['ops', 'hosts:read,commands:run'], ['rate', 'hosts:read'], ['kill', 'hosts:read'], ['legacy', 'hosts:read']]) {
      keys[tenant] = cli(dirs.a, 'keys', 'create', '--store', storeUrl, '--tenant', tenant, '--scopes', scopes, '--name', tenant).trim();
      assert.match(keys[tenant], /^bst_/);
    }
    // The API keys are in the store; what every instance must share besides (docs/deploy/shared-store.md) is the
    // confirmation key, and the store's audit keyring, made by the first start and copied before the second.
    writeFileSync(path.join(dirs.a, 'confirmation.key'), `${randomBytes(32).toString('base64')}\n`, { mode: 0o600 });
    share('confirmation.key');
    const args = (dir) => ['--data-dir', dir, '--store', storeUrl, '--mode', 'operator', '--policy', policy, '--share-local-host'];
    instances.a = await startHttpServer(bastion, args(dirs.a), 60_000, pgEnv);
    share('store-audit.key');
    instances.b = await startHttpServer(bastion, args(dirs.b), 60_000, pgEnv);
    balancer = await startNginx(nginx, path.join(work, 'nginx'), [instances.a, instances.b].map((i) => new URL(i.base).host));
  });

  after(async () => {
    await balancer?.stop();
    await Promise.all(Object.values(instances).map(stopHttpServer));
    if (pgSetting) {
      try { psql(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`); } catch { /* the cluster went away first */ }
    }
    rmSync(marker, { force: true });
    rmSync(work, { recursive: true, force: true });
  });

  /** Copies a file of instance a's data directory to instance b's, mode 0600. */
  function share(file) {
    copyFileSync(path.join(dirs.a, file), path.join(dirs.b, file));
    chmodSync(path.join(dirs.b, file), 0o600);
  }

  const upstreamOf = (instance) => new URL(instance.base).host;

  /** A v2 client pinned to 2026-07-28 that talks to nginx only (`url`: the round-robin one by default), counting every HTTP answer in `seen`. */
  async function connect(key, { elicit, seen = [], url = balancer.url } = {}) {
    const counting = async (url, init) => {
      const response = await fetch(url, init);
      seen.push({ status: response.status, retryAfter: response.headers.get('retry-after') });
      return response;
    };
    const transport = new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers: { Authorization: `Bearer ${key}` } }, fetch: counting });
    const client = new Client({ name: 'bastion-e2e-two-instances', version: '1.0.0' },
      { capabilities: elicit ? { elicitation: {} } : {}, versionNegotiation: { mode: { pin: '2026-07-28' } } });
    if (elicit) client.setRequestHandler('elicitation/create', async (request) => elicit(request.params));
    client.onerror = () => {};
    await client.connect(transport);
    return client;
  }

  /** The tools/call requests nginx passed on whose body contains `needle`, in order: { upstream, status, body }. */
  // nginx writes a request's access-log line after it has sent the answer, so the client can see the answer first:
  // wait (up to 5 s) for the lines of the requests made.
  const logged = async (filter, count) => {
    for (const deadline = Date.now() + 5000; ; await new Promise((r) => setTimeout(r, 50))) {
      const lines = balancer.requests().filter(filter);
      if (lines.length >= count || Date.now() > deadline) return lines;
    }
  };
  const callsThrough = (needle, count) => logged((r) => r.body.includes('"tools/call"') && r.body.includes(needle), count);

  test('calls alternate between the instances and land in one chain that verifies with one entry per call', async () => {
    const client = await connect(keys.alt);
    const calls = 20;
    try {
      assert.equal(client.getNegotiatedProtocolVersion(), '2026-07-28');
      for (let i = 1; i <= calls; i++) {
        const result = await client.callTool({ name: 'hosts_list', arguments: { limit: i } });
        assert.notEqual(result.isError, true, text(result));
      }
    } finally {
      await client.close();
    }
    const passed = await logged((r) => r.body.includes('"tools/call"') && r.body.includes('"hosts_list"'), calls);
    assert.equal(passed.length, calls);
    const upstreams = passed.map((r) => r.upstream);
    assert.deepEqual(new Set(upstreams), new Set([upstreamOf(instances.a), upstreamOf(instances.b)]), 'both instances served calls');
    for (let i = 1; i < upstreams.length; i++) assert.notEqual(upstreams[i], upstreams[i - 1], `calls ${i} and ${i + 1} went to one instance: ${upstreams}`);

    const verify = audit('verify', 'alt');
    assert.equal(verify.code, 0, verify.out);
    assert.match(verify.out, new RegExp(`ok: tenant 'alt': ${calls} entries in .*chain intact`));
    const limits = entriesOf('alt').map((e) => e.arguments?.limit).sort((x, y) => x - y);
    assert.deepEqual(limits, Array.from({ length: calls }, (_, i) => i + 1), 'one entry per call, each call once');
  });

  test('a confirmation asked on one instance is answered on the other: declined, then accepted', async () => {
    const asked = [];
    let answer = 'decline';
    const client = await connect(keys.ops, {
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

      answer = 'approve';
      const ran = await client.callTool(call);
      assert.notEqual(ran.isError, true, text(ran));
      assert.equal(existsSync(marker), true);
      assert.equal(asked.length, 2);
    } finally {
      await client.close();
    }
    // Each call is asked (input-required result) by one instance and its retry with the request state served by the other.
    const passed = await callsThrough(marker, 4);
    assert.equal(passed.length, 4, JSON.stringify(passed));
    assert.notEqual(passed[0].upstream, passed[1].upstream, 'the declined answer went to the other instance');
    assert.notEqual(passed[2].upstream, passed[3].upstream, 'the accepted answer went to the other instance');
    const mine = entriesOf('ops').filter((e) => JSON.stringify(e).includes(marker));
    assert.deepEqual(mine.map((e) => [e.phase, e.decision]),
      [['call', 'confirmation_required'], ['call', 'declined'], ['call', 'confirmation_required'], ['intent', 'confirmed'], ['outcome', 'confirmed']]);
    assert.equal(audit('verify', 'ops').code, 0);
  });

  test('the rate limit of 90 a minute holds in total across both instances', async () => {
    const seen = [];
    const from = balancer.requests().length;
    const started = Date.now();
    const client = await connect(keys.rate, { seen });
    try {
      // 130 calls, ten at a time: two budgets of 90 (one per instance) would serve them all.
      let next = 0;
      await Promise.all(Array.from({ length: 10 }, async () => {
        while (next < 130) {
          next += 1;
          await client.callTool({ name: 'hosts_list', arguments: {} }).catch(() => null);
        }
      }));
    } finally {
      await client.close();
    }
    const seconds = (Date.now() - started) / 1000;
    assert.ok(seconds < 60, 'the requests took under a minute');
    // The bucket holds 90 and refills 1.5 a second: what it may serve in `seconds`, all instances together.
    const budget = 90 + Math.ceil(seconds * 1.5);
    const served = seen.filter((s) => s.status === 200).length;
    const refused = seen.filter((s) => s.status === 429);
    assert.ok(served >= 90 && served <= budget, `${served} requests served in ${seconds} s; one shared budget allows 90 to ${budget}`);
    assert.ok(refused.length >= 130 - budget, `${refused.length} refused`);
    assert.ok(refused.every((r) => Number(r.retryAfter) >= 1), 'every refusal says when to retry');
    assert.equal(new Set(balancer.requests().slice(from).filter((r) => r.status === '200').map((r) => r.upstream)).size, 2, 'both instances served the budget');
  });

  /** A 1.x client (2025-11-25, a session) on `url`, connected; the error when connecting or a call fails. */
  async function legacySession(url, key, calls) {
    const client = new LegacyClient({ name: 'bastion-e2e-two-instances-legacy', version: '1.0.0' });
    client.onerror = () => {};
    try {
      await client.connect(new LegacyTransport(new URL(url), { requestInit: { headers: { Authorization: `Bearer ${key}` } } }));
      for (let i = 0; i < calls; i++) {
        const result = await client.callTool({ name: 'hosts_list', arguments: {} });
        assert.notEqual(result.isError, true, text(result));
      }
      return null;
    } catch (e) {
      return e;
    } finally {
      await client.close().catch(() => {});
    }
  }

  test('a 2025 session needs affinity: round robin breaks it, the documented nginx configuration keeps it', async () => {
    const broken = await legacySession(balancer.url, keys.legacy, 4);
    assert.ok(broken, 'a session split over two instances fails (the other instance does not know it)');
    assert.match(`${broken.message}`, /404|session/i);

    const sticky = await startNginx(nginx, path.join(work, 'nginx-affinity'), [instances.a, instances.b].map((i) => new URL(i.base).host), { affinity: true });
    try {
      assert.equal(await legacySession(sticky.url, keys.legacy, 10), null, 'the session works through the affinity configuration');
      // nginx writes a request's log line once it has sent the answer, so the last line may trail the client.
      const whole = (lines) => lines.some((r) => r.body.includes('"initialize"')) && lines.filter((r) => r.body.includes('"tools/call"')).length === 10;
      for (const until = Date.now() + 5000; !whole(sticky.requests()) && Date.now() < until;) await new Promise((r) => setTimeout(r, 50));
      const legacy = sticky.requests();
      assert.ok(whole(legacy), `the log holds the session's initialize and its 10 calls: ${JSON.stringify(legacy)}`);
      assert.equal(new Set(legacy.map((r) => r.upstream)).size, 1, `one instance served the whole session: ${JSON.stringify(legacy)}`);

      // 2026-07-28 requests still spread over both instances behind the same configuration.
      const from = sticky.requests().length;
      const client = await connect(keys.legacy, { url: sticky.url });
      for (let i = 0; i < 20; i++) assert.notEqual((await client.callTool({ name: 'access_status', arguments: {} })).isError, true);
      await client.close();
      assert.equal(new Set(sticky.requests().slice(from).map((r) => r.upstream)).size, 2, 'a 2026-07-28 client is spread over both');
    } finally {
      await sticky.stop();
    }
  });

  test('one instance SIGKILLed mid-run: calls go on, none recorded twice, none answered missing, the chain verifies', async () => {
    const from = balancer.requests().length;
    const client = await connect(keys.kill);
    const answered = [];
    const failed = [];
    const total = 80;
    let next = 1;
    let killed = false;
    try {
      // Four callers at once, each call named by its limit argument (1..80); instance b dies after the 24th answer.
      await Promise.all(Array.from({ length: 4 }, async () => {
        while (next <= total) {
          const id = next++;
          try {
            const result = await client.callTool({ name: 'hosts_list', arguments: { limit: id } });
            assert.notEqual(result.isError, true, text(result));
            answered.push(id);
          } catch {
            failed.push(id);
          }
          if (answered.length >= 24 && !killed) {
            killed = true;
            instances.b.proc.kill('SIGKILL');
          }
        }
      }));
    } finally {
      await client.close();
    }
    assert.equal((await instances.b.exited).signal, 'SIGKILL');
    assert.ok(answered.length >= total - 4, `at most the calls in flight at the kill fail: ${failed}`);
    const recorded = entriesOf('kill').map((e) => e.arguments?.limit);
    const twice = recorded.filter((id, i) => recorded.indexOf(id) !== i);
    assert.deepEqual(twice, [], 'no call recorded twice');
    assert.deepEqual(answered.filter((id) => !recorded.includes(id)), [], 'every answered call is recorded');
    const b = upstreamOf(instances.b);
    const passed = balancer.requests().slice(from);
    assert.ok(passed.some((r) => r.upstream === b && r.status === '200'), 'instance b served calls before it died');
    const a = upstreamOf(instances.a);
    const last = passed.filter((r) => r.body.includes('"tools/call"')).slice(-10);
    assert.ok(last.every((r) => r.status === '200' && r.upstream.endsWith(a)), `after the kill instance a serves every call: ${JSON.stringify(last)}`);
    const verify = audit('verify', 'kill');
    assert.equal(verify.code, 0, verify.out);
    assert.match(verify.out, new RegExp(`ok: tenant 'kill': ${recorded.length} entries`));
  });
});
