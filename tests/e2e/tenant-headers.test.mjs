// End-to-end: two tenants of one `bastion serve --http` set up their hosting platforms with request headers alone,
// through the official TypeScript MCP client (StreamableHTTPClientTransport with extra headers). Each tenant has its
// own WebOps, CloudStack, Alpacon and Cloudways fake (processes on 127.0.0.1) with its own credentials; each reaches only its own, and no
// credential of either shows up in the other's answers, in bastion's stderr or in the audit logs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { freePort } from './helpers.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const bastion = process.env.BASTION_BIN ?? path.join(root, 'src', 'Bastion', 'bin', 'Debug', 'net10.0', 'bastion');
const fakeDll = (project, dll) => path.join(root, 'tests', project, 'bin', 'Debug', 'net10.0', dll);
const work = mkdtempSync(path.join(os.tmpdir(), 'bastion-e2e-tenant-headers-'));
const dataDir = path.join(work, 'data');

// Made-up credentials, distinct per tenant, long enough that a leak is found by a plain substring search.
const TENANTS = {
  acme: {
    webopsToken: 'wo-acme-token-3c9e1a7f5b2d', csKey: 'cs-acme-key-8d2f4b6a0c1e', csSecret: 'cs-acme-secret-5e7a9c1b3d0f',
    alpaconToken: 'alpat-acme-token-7e2b9d4f1a6c', cwEmail: 'ops@acme.test', cwKey: 'cw-acme-apikey-4d8f2b6e0a1c',
  },
  globex: {
    webopsToken: 'wo-globex-token-6f1b8d3a9e4c', csKey: 'cs-globex-key-2a4c6e8b0d1f', csSecret: 'cs-globex-secret-9b7d5f3a1c2e',
    alpaconToken: 'alpat-globex-token-1c5a8e3b7d9f', cwEmail: 'ops@globex.test', cwKey: 'cw-globex-apikey-9e3a7c1f5b2d',
  },
};
const fakes = [];
let server;
let stderr = '';
const clients = [];

function startFake(dll, args, readyPattern) {
  const child = spawn('dotnet', [dll, '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  fakes.push({ child, exited });
  let err = '';
  child.stderr.on('data', (c) => { err += c; });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`fake not ready in 20 s: ${err}`)), 20_000);
    child.once('exit', (code) => reject(new Error(`fake exited (${code}): ${err}`)));
    readline.createInterface({ input: child.stdout }).on('line', (line) => {
      const m = readyPattern.exec(line);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
  });
}

function cli(...args) {
  return execFileSync(bastion, [...args, '--data-dir', dataDir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

async function connect(key, headers) {
  const transport = new StreamableHTTPClientTransport(new URL(server.url), { requestInit: { headers: { Authorization: `Bearer ${key}`, ...headers } } });
  const client = new Client({ name: 'bastion-e2e-tenant-headers', version: '1.0.0' });
  client.onerror = () => {};
  await client.connect(transport);
  clients.push(client);
  return client;
}

async function structured(client, name, args = {}) {
  const result = await client.callTool({ name, arguments: args });
  assert.notEqual(result.isError, true, `${name} failed: ${JSON.stringify(result.content)}`);
  return result.structuredContent;
}

before(async () => {
  for (const [tenant, t] of Object.entries(TENANTS)) {
    t.webops = await startFake(fakeDll('Bastion.Fakes.WebOps', 'webops-fake.dll'),
      ['--user', 'admin', '--password', `pw-${tenant}-not-used-1234`, '--token', t.webopsToken, '--accept-bearer'], /^webops fake ready: (\S+)/);
    t.cloudstack = await startFake(fakeDll('Bastion.Fakes.CloudStack', 'bastion-fake-cloudstack.dll'),
      ['--api-key', t.csKey, '--secret-key', t.csSecret], /^ready url=(\S+)/);
    t.alpacon = await startFake(fakeDll('Bastion.Fakes.Alpacon', 'alpacon-fake.dll'), ['--token', t.alpaconToken], /^alpacon-fake ready (\S+)/);
    t.cloudways = await startFake(fakeDll('Bastion.Fakes.Cloudways', 'cloudways-fake.dll'),
      ['--email', t.cwEmail, '--api-key', t.cwKey], /^cloudways-fake ready url=(\S+)/);
    t.key = cli('keys', 'create', '--tenant', tenant, '--scopes', 'hosts:read,platform:read', '--name', `${tenant}-ops`).trim();
  }

  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const proc = spawn(bastion, ['serve', '--http', base, '--data-dir', dataDir], { stdio: ['ignore', 'ignore', 'pipe'] });
  server = { url: `${base}/mcp`, proc, exited: new Promise((resolve) => proc.on('exit', resolve)) };
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`bastion did not start in 20 s:\n${stderr}`)), 20_000);
    proc.stderr.setEncoding('utf8');
    proc.stderr.on('data', (chunk) => {
      stderr += chunk;
      if (stderr.includes('Bastion MCP endpoint:')) { clearTimeout(timer); resolve(); }
    });
  });
});

after(async () => {
  for (const c of clients) await c.close().catch(() => {});
  if (server && server.proc.exitCode === null) { server.proc.kill('SIGTERM'); await server.exited; }
  for (const f of fakes) { if (f.child.exitCode === null) f.child.kill('SIGTERM'); await f.exited; }
  rmSync(work, { recursive: true, force: true });
});

test('two tenants set up WebOps and CloudStack with headers alone, each reaching only its own', async () => {
  const sessions = {};
  for (const [tenant, t] of Object.entries(TENANTS)) {
    sessions[tenant] = await connect(t.key, {
      'x-webops-url': t.webops,
      'x-webops-token': t.webopsToken,
      'x-cloudstack-url': t.cloudstack,
      'x-cloudstack-api-key': t.csKey,
      'x-cloudstack-secret-key': t.csSecret,
    });
  }

  const answers = {};
  await Promise.all(Object.entries(sessions).map(async ([tenant, client]) => {
    const { connection: webops } = await structured(client, 'webops_status', { resource: 'connection' });
    const cloudstack = await structured(client, 'cloudstack_status');
    answers[tenant] = JSON.stringify([webops, cloudstack]);
    assert.equal(webops.reachable, true, `${tenant} webops: ${webops.error}`);
    assert.equal(webops.auth, 'token');
    assert.equal(webops.host, new URL(TENANTS[tenant].webops).host, 'the URL is a setting and shows as it is');
    assert.equal(cloudstack.reachable, true, `${tenant} cloudstack: ${cloudstack.error}`);
  }));

  const secrets = Object.values(TENANTS).flatMap((t) => [t.webopsToken, t.csKey, t.csSecret]);
  for (const secret of secrets) {
    for (const answer of Object.values(answers)) assert.ok(!answer.includes(secret), 'no credential in an answer');
    assert.ok(!stderr.includes(secret), 'no credential in bastion\'s log');
  }
  for (const tenant of Object.keys(TENANTS)) {
    const audit = path.join(dataDir, 'tenants', tenant, 'audit');
    const text = existsSync(audit) ? readdirSync(audit).map((f) => readFileSync(path.join(audit, f), 'utf8')).join('') : '';
    assert.match(text, /webops_status/);
    for (const secret of secrets) assert.ok(!text.includes(secret), `no credential in ${tenant}'s audit log`);
  }
});

test('two tenants set up Alpacon and Cloudways with headers alone, each reaching only its own', async () => {
  const sessions = {};
  for (const [tenant, t] of Object.entries(TENANTS)) {
    sessions[tenant] = await connect(t.key, {
      'x-alpacon-workspace': tenant,
      'x-alpacon-url': t.alpacon,
      'x-alpacon-token': t.alpaconToken,
      'x-cloudways-url': t.cloudways,
      'x-cloudways-email': t.cwEmail,
      'x-cloudways-api-key': t.cwKey,
    });
  }

  const answers = {};
  await Promise.all(Object.entries(sessions).map(async ([tenant, client]) => {
    const alpacon = await structured(client, 'alpacon_list', { resource: 'servers' });
    const cloudways = await structured(client, 'cloudways_status');
    answers[tenant] = JSON.stringify([alpacon, cloudways]);
    assert.equal(alpacon.workspace, tenant, 'each tenant lists its own workspace');
    assert.ok(alpacon.total > 0, `${tenant} alpacon: ${JSON.stringify(alpacon)}`);
    assert.equal(cloudways.authenticated, true, `${tenant} cloudways: ${JSON.stringify(cloudways)}`);
  }));

  const secrets = Object.values(TENANTS).flatMap((t) => [t.alpaconToken, t.cwKey]);
  for (const secret of secrets) {
    for (const answer of Object.values(answers)) assert.ok(!answer.includes(secret), 'no credential in an answer');
    assert.ok(!stderr.includes(secret), 'no credential in bastion\'s log');
  }
  for (const tenant of Object.keys(TENANTS)) {
    const audit = path.join(dataDir, 'tenants', tenant, 'audit');
    const text = existsSync(audit) ? readdirSync(audit).map((f) => readFileSync(path.join(audit, f), 'utf8')).join('') : '';
    assert.match(text, /cloudways_status/);
    for (const secret of secrets) assert.ok(!text.includes(secret), `no credential in ${tenant}'s audit log`);
  }
});

test('a set that is not whole is refused before any session opens', async () => {
  const t = TENANTS.acme;
  await assert.rejects(connect(t.key, { 'x-cloudstack-api-key': t.csKey }), (e) => /x-cloudstack-secret-key/.test(String(e.message)));
});
