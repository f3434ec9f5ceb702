// End-to-end over HTTP: one `bastion serve --http` process serves two tenants (acme, globex) to the official TypeScript
// MCP client (StreamableHTTPClientTransport) with API keys of different scopes. Checked from outside, as a client and an
// operator see it: 401 with a Bearer challenge and the protected resource metadata; each key sees only the tools its
// scopes allow and only its tenant's hosts; sessions belong to their principal; the 91st request in a minute gets 429
// (default limits) and a second server with a short window recovers after Retry-After; a deleted session is gone (404);
// a revoked key is refused without a restart; /metrics counts the calls and the refusals. Loopback (127.0.0.1) only; no
// sshd is needed: the hosts are only listed, never connected to.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { startHttpServer, stopHttpServer } from './helpers.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const bastion = process.env.BASTION_BIN ?? path.join(root, 'src', 'Bastion', 'bin', 'Debug', 'net10.0', 'bastion');
const work = mkdtempSync(path.join(os.tmpdir(), 'bastion-e2e-http-'));
const PROTOCOL = '2025-06-18';

function cli(dataDir, ...args) {
  return execFileSync(bastion, [...args, '--data-dir', dataDir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Creates API keys with `bastion keys create`: { label: [tenant, scopes] } → { label: { key, id, tenant, scopes } }, the id as `keys list` shows it. */
function createKeys(dataDir, specs) {
  const made = {};
  for (const [label, [tenant, scopes]] of Object.entries(specs)) {
    const key = cli(dataDir, 'keys', 'create', '--tenant', tenant, '--scopes', scopes.join(','), '--name', label).trim();
    assert.match(key, /^bst_[A-Za-z0-9_-]{52}$/, 'keys create prints the key alone on stdout');
    made[label] = { key, tenant, scopes };
  }
  for (const listed of JSON.parse(cli(dataDir, 'keys', 'list', '--json'))) {
    const key = made[listed.name];
    assert.ok(key, `unexpected key ${listed.name}`);
    assert.equal(listed.tenant, key.tenant);
    assert.deepEqual(listed.scopes, key.scopes);
    assert.equal(listed.state, 'active');
    key.id = listed.id;
  }
  return made;
}

/** Starts `bastion serve --http` and resolves once it says it listens. */
async function startServer(dataDir, extraArgs = []) {
  const server = await startHttpServer(bastion, ['--data-dir', dataDir, ...extraArgs], 20_000);
  assert.match(server.stderr, new RegExp(`Bastion MCP endpoint: ${server.url.replaceAll('.', '\\.')}`));
  return server;
}

async function stopServer(server) {
  const exit = await stopHttpServer(server);
  if (exit === null) return;
  assert.equal(exit.code, 0, `bastion did not exit cleanly on SIGTERM (${exit.code ?? exit.signal}); stderr:\n${server.stderr}`);
}

async function connect(server, key) {
  const transport = new StreamableHTTPClientTransport(new URL(server.url), key ? { requestInit: { headers: { Authorization: `Bearer ${key.key}` } } } : {});
  const client = new Client({ name: 'bastion-e2e-http', version: '1.0.0' });
  // The SDK reports trouble with its background GET stream here; the tests check what the calls themselves answer.
  client.onerror = () => {};
  await client.connect(transport);
  return { client, transport };
}

async function structured(client, name, args = {}) {
  const result = await client.callTool({ name, arguments: args });
  assert.notEqual(result.isError, true, `${name} failed: ${JSON.stringify(result.content)}`);
  assert.ok(result.structuredContent, `${name} returned no structured content`);
  return result.structuredContent;
}

async function toolError(client, name, args = {}) {
  const result = await client.callTool({ name, arguments: args });
  assert.equal(result.isError, true, `${name} should have failed: ${JSON.stringify(result)}`);
  return result.content.map((c) => c.text).join('\n');
}

const hostNames = async (client) => (await structured(client, 'hosts_list')).hosts.map((h) => h.name).sort();

/** One raw HTTP request to /mcp; the body is read whole, and an SSE answer is unwrapped to its JSON-RPC message. */
async function raw(server, { key, session, method = 'POST', message } = {}) {
  const headers = { Accept: 'application/json, text/event-stream' };
  if (key) headers.Authorization = `Bearer ${typeof key === 'string' ? key : key.key}`;
  if (session) { headers['Mcp-Session-Id'] = session; headers['MCP-Protocol-Version'] = PROTOCOL; }
  if (message) headers['Content-Type'] = 'application/json';
  const response = await fetch(server.url, { method, headers, body: message ? JSON.stringify(message) : undefined });
  const text = await response.text();
  let body = null;
  if (response.headers.get('content-type')?.startsWith('text/event-stream')) {
    const data = text.split('\n').find((line) => line.startsWith('data: '));
    body = data ? JSON.parse(data.slice(6)) : null;
  } else if (text) {
    body = JSON.parse(text);
  }
  return { status: response.status, headers: response.headers, body };
}

const initialize = (id = 1) => ({
  jsonrpc: '2.0', id, method: 'initialize',
  params: { protocolVersion: PROTOCOL, capabilities: {}, clientInfo: { name: 'bastion-e2e-raw', version: '1.0.0' } },
});
const initialized = { jsonrpc: '2.0', method: 'notifications/initialized' };
const ping = (id) => ({ jsonrpc: '2.0', id, method: 'ping' });

/** A forged key: the right shape (bst_<8-char id>_<43-char secret>), a secret nobody was given. */
const forge = (id) => `bst_${id}_${randomBytes(32).toString('base64url')}`;

/** Prometheus text → { 'name{labels}': value }. */
async function metrics(server) {
  const response = await fetch(`${server.base}/metrics`);
  assert.equal(response.status, 200);
  const series = {};
  for (const line of (await response.text()).split('\n')) {
    const m = /^([a-z_]+(?:\{[^}]*\})?) (\S+)$/.exec(line);
    if (m) series[m[1]] = Number(m[2]);
  }
  return series;
}

// The shared server: default rate limits (90/min per principal and per tenant).
const mainDir = path.join(work, 'main');
let main;
let keys;
// Every 429 the main server gave, by budget; /metrics must count the same.
const refused = { principal: 0, tenant: 0 };

before(async () => {
  keys = createKeys(mainDir, {
    acme: ['acme', ['hosts:read', 'metrics:read']],
    acmeHosts: ['acme', ['hosts:read']],
    globex: ['globex', ['hosts:read']],
    initech1: ['initech', ['hosts:read']],
    initech2: ['initech', ['hosts:read']],
    hooli: ['hooli', ['hosts:read']],
  });
  const add = (tenant, name, address, ...rest) =>
    assert.match(cli(mainDir, 'hosts', '--tenant', tenant, 'add', name, '--address', address, '--no-test', ...rest), new RegExp(`Added ${name}`));
  add('acme', 'acme-web1', '127.0.0.2', '--group', 'web');
  add('acme', 'acme-web2', '127.0.0.3', '--group', 'web');
  add('globex', 'globex-db1', '127.0.0.4');
  add('hooli', 'hooli-app1', '127.0.0.5');
  main = await startServer(mainDir);
});

after(async () => {
  await stopServer(main);
  rmSync(work, { recursive: true, force: true });
});

test('without a valid key: 401 with a Bearer challenge that points to the protected resource metadata', async () => {
  await assert.rejects(connect(main, null), (e) => e.code === 401, 'a client without a key cannot connect');
  await assert.rejects(connect(main, { key: forge(keys.acme.id) }), (e) => e.code === 401, 'a forged secret for a real key id');
  await assert.rejects(connect(main, { key: forge('zzzzzzzz') }), (e) => e.code === 401, 'a forged key with an unknown id');

  const metadataUrl = `${main.base}/.well-known/oauth-protected-resource/mcp`;
  const anonymous = await raw(main, { message: initialize() });
  assert.equal(anonymous.status, 401);
  assert.equal(anonymous.headers.get('www-authenticate'), `Bearer resource_metadata="${metadataUrl}"`);
  assert.equal(anonymous.body.jsonrpc, '2.0');
  assert.match(anonymous.body.error.message, /Authorization: Bearer/);
  assert.equal(anonymous.headers.get('mcp-session-id'), null, 'no session for an unauthenticated caller');

  const forged = await raw(main, { key: forge(keys.acme.id), message: initialize() });
  assert.equal(forged.status, 401);
  const challenge = forged.headers.get('www-authenticate');
  assert.match(challenge, /^Bearer /);
  assert.ok(challenge.includes(`resource_metadata="${metadataUrl}"`), challenge);
  assert.ok(challenge.includes('error="invalid_token"'), challenge);

  // The client finds the metadata where the challenge says.
  const advertised = /resource_metadata="([^"]+)"/.exec(challenge)[1];
  const response = await fetch(advertised);
  assert.equal(response.status, 200);
  const document = await response.json();
  assert.equal(document.resource, main.url);
  assert.ok(document.bearer_methods_supported.includes('header'));
  assert.ok(document.scopes_supported.includes('hosts:read'));

  // The probes need no key.
  assert.equal((await fetch(`${main.base}/healthz`)).status, 200);
  assert.equal((await fetch(`${main.base}/readyz`)).status, 200);
});

test('a key sees the tools its scopes allow, its tenant\'s hosts, and itself in access_status', async () => {
  const full = await connect(main, keys.acme);
  const narrow = await connect(main, keys.acmeHosts);
  try {
    assert.equal(full.client.getServerVersion().name, 'bastion');
    const listed = async (client) => (await client.listTools()).tools;
    const fullTools = await listed(full.client);
    const narrowTools = await listed(narrow.client);
    for (const [tools, key] of [[fullTools, keys.acme], [narrowTools, keys.acmeHosts]]) {
      for (const tool of tools) assert.ok(key.scopes.includes(tool._meta?.['bastion/scope']), `${tool.name} (${tool._meta?.['bastion/scope']}) listed for ${key.scopes}`);
    }
    assert.deepEqual(narrowTools.map((t) => t.name).sort(), ['access_status', 'hosts_describe', 'hosts_list']);
    const names = fullTools.map((t) => t.name);
    assert.ok(names.includes('metrics_sample') && names.includes('processes_list'), names.join(','));
    assert.ok(!names.includes('logs_tail') && !names.includes('commands_run'), names.join(','));

    // A tool the key's scopes do not cover is refused by name of the missing scope, even when called blind.
    assert.match(await toolError(narrow.client, 'metrics_sample', { target: 'all' }), /metrics:read/);

    assert.deepEqual(await hostNames(full.client), ['acme-web1', 'acme-web2']);
    assert.deepEqual(await hostNames(narrow.client), ['acme-web1', 'acme-web2']);

    const status = await structured(full.client, 'access_status');
    assert.equal(status.principal, `key:${keys.acme.id}`);
    assert.equal(status.tenant, 'acme');
    assert.deepEqual([...status.scopes].sort(), [...keys.acme.scopes].sort());
    assert.equal(status.rate_limit.principal_burst, 90);
    assert.equal(status.rate_limit.tenant_burst, 90);
    assert.equal(status.rate_limit.refill_requests, 90);
    assert.equal(status.rate_limit.refill_window_seconds, 60);
    assert.ok(status.rate_limit.principal_remaining < 90, 'this call itself was counted');
    const other = await structured(narrow.client, 'access_status');
    assert.equal(other.principal, `key:${keys.acmeHosts.id}`);
    assert.equal(other.tenant, 'acme');
    assert.deepEqual(other.scopes, ['hosts:read']);
  } finally {
    await full.client.close();
    await narrow.client.close();
  }
});

test('two tenants served at once from one process see only their own hosts and sessions', async () => {
  const [acme, globex] = await Promise.all([connect(main, keys.acme), connect(main, keys.globex)]);
  try {
    const [acmeHosts, globexHosts] = await Promise.all([hostNames(acme.client), hostNames(globex.client)]);
    assert.deepEqual(acmeHosts, ['acme-web1', 'acme-web2']);
    assert.deepEqual(globexHosts, ['globex-db1']);

    const [acmeStatus, globexStatus] = await Promise.all([structured(acme.client, 'access_status'), structured(globex.client, 'access_status')]);
    assert.equal(acmeStatus.tenant, 'acme');
    assert.equal(globexStatus.tenant, 'globex');

    // Another tenant's host, or the server's own machine, is not there at all; the error names only the caller's hosts.
    const unknown = await toolError(globex.client, 'hosts_describe', { target: 'acme-web1' });
    assert.match(unknown, /Unknown host 'acme-web1'/);
    assert.ok(!unknown.includes('acme-web2'), unknown);
    assert.match(await toolError(acme.client, 'hosts_describe', { target: 'globex-db1' }), /Unknown host 'globex-db1'/);
    assert.match(await toolError(acme.client, 'hosts_describe', { target: 'local' }), /Unknown host 'local'/);
    const group = await toolError(globex.client, 'hosts_describe', { target: '@web' });
    assert.match(group, /Unknown group 'web'/);
    assert.ok(!group.includes('acme-web'), group);

    // A session belongs to the principal that opened it: globex's key cannot use or end acme's session.
    const acmeSession = acme.transport.sessionId;
    assert.ok(acmeSession);
    const hijack = await raw(main, { key: keys.globex, session: acmeSession, message: { jsonrpc: '2.0', id: 7, method: 'tools/call', params: { name: 'hosts_list', arguments: {} } } });
    assert.equal(hijack.status, 403);
    assert.ok(!JSON.stringify(hijack.body).includes('acme-web1'), JSON.stringify(hijack.body));
    const sameTenant = await raw(main, { key: keys.acmeHosts, session: acmeSession, message: ping(8) });
    assert.equal(sameTenant.status, 403, 'another key of the same tenant is another principal');
    const end = await raw(main, { key: keys.globex, session: acmeSession, method: 'DELETE' });
    assert.equal(end.status, 403);
    assert.deepEqual(await hostNames(acme.client), ['acme-web1', 'acme-web2'], 'acme\'s session survives the attempts');
  } finally {
    await acme.client.close();
    await globex.client.close();
  }
});

// A tenant (without --share-local-host) does not see the server's machine, so its instructions must not point its model
// at a host 'local' (which would answer "Unknown host 'local'").
test('a tenant\'s instructions do not name a host the tenant cannot see', async () => {
  const { client } = await connect(main, keys.globex);
  try {
    assert.ok(!(await hostNames(client)).includes('local'));
    assert.doesNotMatch(client.getInstructions() ?? '', /'local'/);
  } finally {
    await client.close();
  }
});

test('the 91st request in a minute gets 429 with Retry-After; the tenant\'s other keys wait too, other tenants do not', async () => {
  const started = Date.now();
  const opened = await raw(main, { key: keys.initech1, message: initialize() });
  assert.equal(opened.status, 200);
  const session = opened.headers.get('mcp-session-id');
  assert.ok(session);
  assert.equal((await raw(main, { key: keys.initech1, session, message: initialized })).status, 202);
  for (let n = 3; n <= 90; n++) {
    const answer = await raw(main, { key: keys.initech1, session, message: ping(n) });
    assert.equal(answer.status, 200, `request ${n}: ${JSON.stringify(answer.body)}`);
    assert.deepEqual(answer.body.result, {});
  }

  const over = await raw(main, { key: keys.initech1, session, message: ping(91) });
  assert.ok(Date.now() - started < 60_000, 'the 91 requests took under a minute');
  assert.equal(over.status, 429, `request 91: ${JSON.stringify(over.body)}`);
  refused.principal++;
  const retryAfter = Number(over.headers.get('retry-after'));
  assert.ok(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60, `Retry-After ${over.headers.get('retry-after')}`);
  assert.equal(over.body.jsonrpc, '2.0');
  assert.match(over.body.error.message, /rate limit/i);
  assert.equal(over.body.error.data.scope, 'principal');
  assert.equal(over.body.error.data.retry_after_seconds, retryAfter);

  // initech's other key has its own budget, but the tenant's 90 are spent.
  const sibling = await raw(main, { key: keys.initech2, message: initialize() });
  assert.equal(sibling.status, 429);
  refused.tenant++;
  assert.equal(sibling.body.error.data.scope, 'tenant');
  assert.ok(Number(sibling.headers.get('retry-after')) >= 1);

  // Other tenants are not slowed down by initech's traffic.
  const { client } = await connect(main, keys.globex);
  try {
    assert.deepEqual(await hostNames(client), ['globex-db1']);
  } finally {
    await client.close();
  }
});

test('a deleted session is gone: later requests with its id get 404', async () => {
  const { client, transport } = await connect(main, keys.acme);
  const session = transport.sessionId;
  assert.ok(session);
  assert.deepEqual(await hostNames(client), ['acme-web1', 'acme-web2']);
  const before = (await metrics(main))['bastion_http_sessions_active'];
  await transport.terminateSession();
  assert.equal(transport.sessionId, undefined);
  await client.close();
  assert.equal((await metrics(main))['bastion_http_sessions_active'], before - 1);

  const after = await raw(main, { key: keys.acme, session, message: { jsonrpc: '2.0', id: 3, method: 'tools/list' } });
  assert.equal(after.status, 404);
  assert.equal(after.body.error.code, -32001);
  assert.equal((await raw(main, { key: keys.acme, session, method: 'DELETE' })).status, 404);
});

test('a revoked key is refused by the running server from its next request', async () => {
  const { client } = await connect(main, keys.hooli);
  try {
    assert.deepEqual(await hostNames(client), ['hooli-app1']);
    const out = cli(mainDir, 'keys', 'revoke', keys.hooli.id);
    assert.match(out, new RegExp(keys.hooli.id));
    assert.equal(JSON.parse(cli(mainDir, 'keys', 'list', '--json')).find((k) => k.id === keys.hooli.id).state, 'revoked');

    // The open session does not outlive the key.
    await assert.rejects(client.callTool({ name: 'hosts_list', arguments: {} }), (e) => e.code === 401);
    const refusedKey = await raw(main, { key: keys.hooli, message: initialize() });
    assert.equal(refusedKey.status, 401);
    assert.ok(refusedKey.headers.get('www-authenticate').includes('error="invalid_token"'));
    await assert.rejects(connect(main, keys.hooli), (e) => e.code === 401);
  } finally {
    await client.close();
  }
  // Other keys are untouched.
  const { client: acme } = await connect(main, keys.acmeHosts);
  try {
    assert.deepEqual(await hostNames(acme), ['acme-web1', 'acme-web2']);
  } finally {
    await acme.close();
  }
});

test('/metrics counts tool calls, 429 answers and rate-limit rejections', async () => {
  const series = (m, name, labels) => m[`${name}{${labels}}`] ?? 0;
  const before = await metrics(main);
  const { client } = await connect(main, keys.acme);
  try {
    await hostNames(client);
    await hostNames(client);
    await toolError(client, 'hosts_describe', { target: 'globex-db1' });
  } finally {
    await client.close();
  }
  const now = await metrics(main);
  assert.equal(series(now, 'bastion_tool_calls_total', 'outcome="ok",tool="hosts_list"') - series(before, 'bastion_tool_calls_total', 'outcome="ok",tool="hosts_list"'), 2);
  const describes = (m) => Object.entries(m).filter(([k]) => k.startsWith('bastion_tool_calls_total{') && k.includes('tool="hosts_describe"') && !k.includes('outcome="ok"'))
    .reduce((sum, [, v]) => sum + v, 0);
  assert.equal(describes(now) - describes(before), 1, 'the refused describe is counted, not as ok');
  assert.ok(series(now, 'bastion_http_requests_total', 'method="POST",status="200"') > series(before, 'bastion_http_requests_total', 'method="POST",status="200"'));

  // Everything refused for rate on this server so far, counted once each.
  assert.equal(series(now, 'bastion_http_requests_total', 'method="POST",status="429"'), refused.principal + refused.tenant);
  assert.equal(series(now, 'bastion_ratelimit_rejections_total', 'scope="principal"'), refused.principal);
  assert.equal(series(now, 'bastion_ratelimit_rejections_total', 'scope="tenant"'), refused.tenant);
  assert.ok(series(now, 'bastion_http_requests_total', 'method="POST",status="401"') >= 1);
  assert.ok(refused.principal >= 1 && refused.tenant >= 1, 'the rate-limit test ran first');
});

test('with a short window the limit recovers after Retry-After; the other tenant is never held up', async () => {
  // Buckets refill a whole window at a time, counted from a bucket's first request: each step below runs well inside one window.
  const dir = path.join(work, 'short');
  const { acme, acme2, globex, warm } = createKeys(dir, {
    acme: ['acme', ['hosts:read']], acme2: ['acme', ['hosts:read']], globex: ['globex', ['hosts:read']], warm: ['umbrella', ['hosts:read']],
  });
  cli(dir, 'hosts', '--tenant', 'acme', 'add', 'acme-web1', '--address', '127.0.0.2', '--no-test');
  cli(dir, 'hosts', '--tenant', 'globex', 'add', 'globex-db1', '--address', '127.0.0.4', '--no-test');
  const server = await startServer(dir, ['--rate-limit', '5/6s', '--tenant-rate-limit', '8/6s']);
  const clients = [];
  try {
    // A first client of a tenant of its own warms the server up, so that the steps below take well under one window.
    const w = await connect(server, warm);
    clients.push(w.client);
    await hostNames(w.client);
    await structured(w.client, 'access_status');

    const firstRequest = Date.now();
    const a = await connect(server, acme);
    clients.push(a.client);
    const session = a.transport.sessionId;
    // The SDK opens its GET stream without waiting after notifications/initialized; let it arrive before counting.
    await sleep(200);
    const status = await structured(a.client, 'access_status');
    assert.equal(status.rate_limit.principal_burst, 5);
    assert.equal(status.rate_limit.tenant_burst, 8);
    assert.equal(status.rate_limit.refill_window_seconds, 6);
    // initialize, notifications/initialized, the client's GET stream and this call.
    assert.equal(status.rate_limit.principal_remaining, 1, JSON.stringify(status.rate_limit));
    assert.equal(status.rate_limit.tenant_remaining, 4, JSON.stringify(status.rate_limit));
    await a.client.ping();

    await assert.rejects(a.client.callTool({ name: 'hosts_list', arguments: {} }), (e) => e.code === 429, 'the SDK client sees the 429');
    const limited = await raw(server, { key: acme, session, message: ping(50) });
    const limitedAt = Date.now();
    assert.equal(limited.status, 429);
    assert.equal(limited.body.error.data.scope, 'principal');
    const retryAfter = Number(limited.headers.get('retry-after'));
    assert.ok(retryAfter >= 1 && retryAfter <= 6, `Retry-After ${retryAfter}`);

    // acme's second key: its own budget is fresh, but 3 of the tenant's 8 remain.
    for (let n = 1; n <= 3; n++) assert.equal((await raw(server, { key: acme2, message: initialize(n) })).status, 200, `acme-b request ${n}`);
    const tenantSpent = await raw(server, { key: acme2, message: initialize(4) });
    assert.equal(tenantSpent.status, 429);
    assert.equal(tenantSpent.body.error.data.scope, 'tenant');

    // globex works throughout.
    const g = await connect(server, globex);
    clients.push(g.client);
    assert.deepEqual(await hostNames(g.client), ['globex-db1']);

    assert.ok(Date.now() - firstRequest < 6000, `the steps above took ${Date.now() - firstRequest} ms, more than one window`);

    // After Retry-After (plus a little for the refill timer), the same session goes on.
    await sleep(Math.max(0, limitedAt + retryAfter * 1000 + 300 - Date.now()));
    assert.deepEqual(await hostNames(a.client), ['acme-web1']);
    const refilled = await structured(a.client, 'access_status');
    assert.equal(refilled.rate_limit.principal_remaining, 3, JSON.stringify(refilled.rate_limit));
    assert.equal((await raw(server, { key: acme2, message: initialize(5) })).status, 200);

    const m = await metrics(server);
    assert.equal(m['bastion_ratelimit_rejections_total{scope="principal"}'], 2);
    assert.equal(m['bastion_ratelimit_rejections_total{scope="tenant"}'], 1);
    assert.equal(m['bastion_http_requests_total{method="POST",status="429"}'], 3);
  } finally {
    for (const client of clients) await client.close();
    await stopServer(server);
  }
});
