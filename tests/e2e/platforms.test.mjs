// End-to-end: Bastion's hosting-platform adapters (CloudStack, Cloudways, WebOps) driven through the official
// TypeScript MCP client over stdio, against the contract fakes run as processes on 127.0.0.1. Checks that platform
// machines become Bastion hosts, that destructive platform calls are confirmed (elicitation, or a plan and a handle),
// report progress and reach the fake exactly once, that a declined call changes nothing, and that no credential shows
// up in tool results, bastion's stderr or the audit log.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { ElicitRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { text } from './helpers.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const bastion = process.env.BASTION_BIN ?? path.join(root, 'src', 'Bastion', 'bin', 'Debug', 'net10.0', 'bastion');
const fakeDll = (project, dll) => path.join(root, 'tests', project, 'bin', 'Debug', 'net10.0', dll);

// Made-up credentials, long and distinctive so that any leak is found by a plain substring search.
const SECRETS = {
  cloudstackApiKey: 'cs-api-key-7f3a9c2e41d84b6b',
  cloudstackSecretKey: 'cs-secret-key-0b5e8d1a6c9f4273',
  cloudwaysApiKey: 'cw-api-key-4e2d7a9b1c8f3605',
  webopsPassword: 'wo-password-9d1c6e3b7a2f4085',
  cloudwaysAccessToken: 'cw-access-token-2a6f0d9c5e1b7348',
  // What the Cloudways server listing carries and Bastion must not pass on (tests/Bastion.Fakes.Cloudways/FakeState.cs).
  cloudwaysMasterPassword: 'mstr-Pw-5a8e1c7d0b',
};
const CLOUDWAYS_EMAIL = 'ops@example.test';

// CloudStack fake seed (tests/Bastion.Fakes.CloudStack/FakeSeed.cs).
const ZONE = '9a6f3c1e-0d4b-4c8e-9b7a-1f2e3d4c5b6a';
const TEMPLATE = 'e5cc1f0a-3b2d-4f6e-9a8b-7c6d5e4f3a2b';
const OFFERING = '06720a4b-1c2d-4e3f-8a9b-0c1d2e3f4a5b';
// Cloudways fake seed (tests/Bastion.Fakes.Cloudways/FakeState.cs).
const CW_SERVER = 50482;

const work = mkdtempSync(path.join(os.tmpdir(), 'bastion-e2e-platforms-'));
const dataDir = path.join(work, 'data');
const fakes = {};
const clients = [];
const results = []; // every tool result text and structured content, for the secrets check
let stderr = '';
let client; // operator mode, declares elicitation
let elicitAnswer = 'accept';
const asked = [];

// Starts a fake as a process and resolves with its URL once it prints its ready line.
function startFake(name, dll, args, readyPattern) {
  const child = spawn('dotnet', [dll, '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr.on('data', (c) => { err += c; });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  fakes[name] = { child, exited };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} fake not ready in 20 s: ${err}`)), 20_000);
    child.once('exit', (code) => reject(new Error(`${name} fake exited (${code}): ${err}`)));
    readline.createInterface({ input: child.stdout }).on('line', (line) => {
      const m = readyPattern.exec(line);
      if (m) {
        clearTimeout(timer);
        fakes[name].url = m[1];
        resolve(m[1]);
      }
    });
  });
}

async function stopFake({ child, exited }) {
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  await exited;
}

function vaultSet(name, value) {
  const r = spawnSync(bastion, ['vault', 'set', name, '--data-dir', dataDir], { input: value, encoding: 'utf8' });
  assert.equal(r.status, 0, `vault set ${name}: ${r.stderr}`);
}

async function connect({ elicit } = {}) {
  const c = new Client({ name: 'bastion-e2e-platforms', version: '1.0.0' }, elicit ? { capabilities: { elicitation: {} } } : {});
  if (elicit) c.setRequestHandler(ElicitRequestSchema, async (request) => elicit(request.params));
  const transport = new StdioClientTransport({ command: bastion, args: ['serve', '--data-dir', dataDir, '--mode', 'operator', '--ssh-config', '/dev/null'], stderr: 'pipe' });
  transport.stderr?.on('data', (chunk) => { stderr += chunk; });
  await c.connect(transport);
  clients.push(c);
  await c.listTools(); // caches the output-schema validators
  return c;
}

// Calls a tool, keeps its result for the secrets check, and counts progress notifications.
async function callRaw(c, name, args = {}) {
  let progress = 0;
  const result = await c.callTool({ name, arguments: args }, undefined, { onprogress: () => { progress += 1; }, timeout: 60_000 });
  results.push(JSON.stringify(result));
  return { result, progress };
}

async function call(c, name, args = {}) {
  const { result, progress } = await callRaw(c, name, args);
  assert.notEqual(result.isError, true, `${name} failed: ${text(result)}`);
  assert.ok(result.structuredContent, `${name} returned no structured content`);
  return { content: result.structuredContent, progress };
}

const cloudwaysState = async () => (await fetch(`${fakes.cloudways.url.replace(/\/api\/v\d+$/, '')}/__fake/state`)).json();

async function cloudstackVms(c) {
  const { content } = await call(c, 'cloudstack_list', { resource: 'vms' });
  const vms = content.vms;
  assert.ok(Array.isArray(vms), `cloudstack_list resource=vms shape: ${JSON.stringify(content).slice(0, 400)}`);
  return vms;
}

before(async () => {
  await Promise.all([
    startFake('cloudstack', fakeDll('Bastion.Fakes.CloudStack', 'bastion-fake-cloudstack.dll'),
      ['--api-key', SECRETS.cloudstackApiKey, '--secret-key', SECRETS.cloudstackSecretKey, '--job-polls', '2'], /^ready url=(\S+)/),
    startFake('cloudways', fakeDll('Bastion.Fakes.Cloudways', 'cloudways-fake.dll'),
      ['--email', CLOUDWAYS_EMAIL, '--api-key', SECRETS.cloudwaysApiKey, '--access-token', SECRETS.cloudwaysAccessToken, '--operation-polls', '2'], /^cloudways-fake ready url=(\S+)/),
    startFake('webops', fakeDll('Bastion.Fakes.WebOps', 'webops-fake.dll'),
      ['--user', 'admin', '--password', SECRETS.webopsPassword, '--build-polls', '2'], /^webops fake ready: (\S+)/),
  ]);
  for (const f of Object.values(fakes)) assert.match(f.url, /^http:\/\/127\.0\.0\.1:\d+/);

  vaultSet('cloudstack/url', fakes.cloudstack.url);
  vaultSet('cloudstack/api-key', SECRETS.cloudstackApiKey);
  vaultSet('cloudstack/secret-key', SECRETS.cloudstackSecretKey);
  vaultSet('cloudways/url', fakes.cloudways.url);
  vaultSet('cloudways/email', CLOUDWAYS_EMAIL);
  vaultSet('cloudways/api-key', SECRETS.cloudwaysApiKey);
  vaultSet('webops/url', fakes.webops.url);
  vaultSet('webops/username', 'admin');
  vaultSet('webops/password', SECRETS.webopsPassword);

  client = await connectAsking();
});

// The operator client that declares elicitation and answers with `elicitAnswer`.
const connectAsking = () => connect({
  elicit: (params) => {
    asked.push(params.message);
    return elicitAnswer === 'accept' ? { action: 'accept', content: { approve: true } } : { action: 'decline' };
  },
});

async function close(c) {
  clients.splice(clients.indexOf(c), 1);
  await c.close();
}

after(async () => {
  for (const c of clients) await c.close().catch(() => {});
  await Promise.all(Object.values(fakes).map(stopFake));
  rmSync(work, { recursive: true, force: true });
});

test('CloudStack VMs and Cloudways servers are Bastion hosts next to local; their tools are listed', async () => {
  const { tools } = await client.listTools();
  const names = tools.map((t) => t.name);
  for (const tool of ['cloudstack_status', 'cloudstack_list', 'cloudstack_vm_control', 'cloudstack_volume_control',
    'cloudways_status', 'cloudways_list', 'cloudways_server_change', 'webops_status', 'webops_deployment', 'webops_deployment_control']) {
    assert.ok(names.includes(tool), `${tool} not in tools/list`);
  }
  const deploy = tools.find((t) => t.name === 'cloudstack_vm_control');
  assert.equal(deploy.annotations?.destructiveHint, true);
  assert.equal(deploy.annotations?.idempotentHint, false);

  const { content: csStatus } = await call(client, 'cloudstack_status');
  const { content: cwStatus } = await call(client, 'cloudways_status');
  assert.ok(csStatus && cwStatus);
  const { content: cwServers } = await call(client, 'cloudways_list', { resource: 'servers' });
  assert.match(JSON.stringify(cwServers), /Prod DO/);

  const { content } = await call(client, 'hosts_list');
  const hosts = content.hosts;
  assert.ok(hosts.some((h) => h.name === 'local'), 'local host missing');
  const byBackend = (b) => hosts.filter((h) => h.labels?.backend === b);
  const cs = byBackend('cloudstack').map((h) => h.name);
  for (const vm of ['web-01', 'web-02', 'db-01']) assert.ok(cs.includes(vm), `CloudStack VM ${vm} not a host: ${JSON.stringify(cs)}`);
  const cw = byBackend('cloudways');
  // The live servers of the account, not the terminated one.
  assert.equal(cw.length, 2, `Cloudways hosts: ${JSON.stringify(cw)}`);
  assert.deepEqual(cw.map((h) => h.labels.id ?? h.labels.server_id).sort(), ['50482', '50483']);
});

let deployedId;

test('deploying a CloudStack VM asks first, reports progress and creates exactly one running VM', async () => {
  elicitAnswer = 'accept';
  const before = await cloudstackVms(client);
  const askedBefore = asked.length;
  const { content, progress } = await call(client, 'cloudstack_vm_control',
    { action: 'deploy', zone_id: ZONE, template_id: TEMPLATE, service_offering_id: OFFERING, name: 'e2e-app-01' });
  assert.equal(asked.length, askedBefore + 1, 'deploy was not confirmed through elicitation');
  assert.match(asked.at(-1), /e2e-app-01|deploy/i);
  assert.ok(progress >= 1, `no progress notification (got ${progress})`);
  assert.equal(content.action, 'deploy');
  assert.ok(content.vm_id, JSON.stringify(content));
  deployedId = content.vm_id;

  const vms = await cloudstackVms(client);
  const mine = vms.filter((v) => v.name === 'e2e-app-01');
  assert.equal(mine.length, 1, 'one deploy call made more than one VM (a non-idempotent call was repeated)');
  assert.equal(vms.length, before.length + 1);
  assert.equal(mine[0].id, deployedId);
  assert.equal(mine[0].state, 'Running');
});

test('stopping it without elicitation takes a plan and a single-use confirmation handle', async () => {
  assert.ok(deployedId, 'needs the deployed VM');
  // An audit directory has one writer: the asking client's server gives way while this one runs.
  await close(client);
  const plain = await connect();
  try {
    const args = { action: 'stop', vm: 'e2e-app-01' };
    const { result: plan } = await callRaw(plain, 'cloudstack_vm_control', args);
    assert.equal(plan.isError, true);
    assert.match(text(plan), /^Confirmation required: nothing ran yet/);
    assert.equal((await cloudstackVms(plain)).find((v) => v.id === deployedId).state, 'Running', 'the plan stopped the VM');
    const { confirmation } = JSON.parse(text(plan).split('\n')[1]);
    assert.ok(confirmation);

    const { content, progress } = await call(plain, 'cloudstack_vm_control', { ...args, confirm: confirmation });
    assert.equal(content.action, 'stop');
    assert.ok(progress >= 1, `no progress notification (got ${progress})`);
    assert.equal((await cloudstackVms(plain)).find((v) => v.id === deployedId).state, 'Stopped');

    const { result: reused } = await callRaw(plain, 'cloudstack_vm_control', { ...args, confirm: confirmation });
    assert.equal(reused.isError, true);
    assert.match(text(reused), /unknown or was already used/);
  } finally {
    await close(plain);
    client = await connectAsking();
  }
});

test('restarting a Cloudways server asks first, reports progress and the fake records one restart', async () => {
  elicitAnswer = 'accept';
  const before = (await cloudwaysState()).servers.find((s) => s.id === CW_SERVER);
  const askedBefore = asked.length;
  const { content, progress } = await call(client, 'cloudways_server_change', { server_id: CW_SERVER, action: 'restart' });
  assert.equal(asked.length, askedBefore + 1, 'restart was not confirmed through elicitation');
  assert.ok(progress >= 1, `no progress notification (got ${progress})`);
  assert.ok(content, 'no result');
  const afterState = (await cloudwaysState()).servers.find((s) => s.id === CW_SERVER);
  assert.equal(afterState.restarts, before.restarts + 1);
  assert.equal(afterState.status, 'running');
});

test('declining the elicitation leaves the platforms unchanged', async () => {
  elicitAnswer = 'decline';
  try {
    const cwBefore = await cloudwaysState();
    const vmsBefore = await cloudstackVms(client);

    const { result: restart } = await callRaw(client, 'cloudways_server_change', { server_id: CW_SERVER, action: 'restart' });
    assert.equal(restart.isError, true);
    assert.equal(text(restart), 'The user declined; nothing ran.');
    const { result: deploy } = await callRaw(client, 'cloudstack_vm_control',
      { action: 'deploy', zone_id: ZONE, template_id: TEMPLATE, service_offering_id: OFFERING, name: 'e2e-declined' });
    assert.equal(deploy.isError, true);
    assert.equal(text(deploy), 'The user declined; nothing ran.');
    const { result: stop } = await callRaw(client, 'cloudstack_vm_control', { action: 'stop', vm: 'web-01' });
    assert.equal(stop.isError, true);

    const cwAfter = await cloudwaysState();
    assert.deepEqual(cwAfter.servers, cwBefore.servers);
    assert.equal(cwAfter.operations, cwBefore.operations);
    const vmsAfter = await cloudstackVms(client);
    assert.deepEqual(vmsAfter.map((v) => [v.id, v.state]), vmsBefore.map((v) => [v.id, v.state]));
  } finally {
    elicitAnswer = 'accept';
  }
});

test('WebOps: deploy, status, logs and restart, each change confirmed', async () => {
  elicitAnswer = 'accept';
  const askedBefore = asked.length;
  const name = 'e2e-shop';
  const deployed = await call(client, 'webops_deployment_control', { action: 'deploy', name, repository: 'https://git.example.test/acme/shop.git', branch: 'main' });
  assert.equal(asked.length, askedBefore + 1, 'deploy was not confirmed through elicitation');
  assert.equal(deployed.content.deploy.outcome, 'running', JSON.stringify(deployed.content));
  assert.ok(deployed.progress >= 1, `no progress notification on deploy (got ${deployed.progress})`);
  assert.ok(deployed.content.deploy.recent_logs.length > 0);

  const { content: { status } } = await call(client, 'webops_deployment', { resource: 'status', name });
  assert.equal(status.deployment.name, name);
  assert.equal(status.deployment.status, 'running');
  assert.ok(status.process?.pid, `no process: ${JSON.stringify(status)}`);

  const { content: { logs } } = await call(client, 'webops_deployment', { resource: 'logs', name, limit: 50 });
  const entries = logs.entries;
  assert.ok(Array.isArray(entries) && entries.length > 0, `no log entries: ${JSON.stringify(logs).slice(0, 300)}`);

  const restarted = await call(client, 'webops_deployment_control', { name, action: 'restart' });
  assert.equal(asked.length, askedBefore + 2, 'restart was not confirmed through elicitation');
  const service = restarted.content.service;
  assert.equal(service.outcome, 'done', JSON.stringify(restarted.content));
  assert.equal(service.status, 'running');
  assert.ok(service.process.pid !== status.process.pid || service.process.restarts > status.process.restarts,
    `the process did not change: ${JSON.stringify([status.process, service.process])}`);
  assert.ok(restarted.progress >= 1, `no progress notification on restart (got ${restarted.progress})`);
});

test('a Cloudways access token from the vault is used as it is, without an exchange', async () => {
  await close(client);
  vaultSet('cloudways/access-token', SECRETS.cloudwaysAccessToken);
  client = await connectAsking();
  const issued = (await cloudwaysState()).tokens_issued;
  await call(client, 'cloudways_status');
  const { content } = await call(client, 'cloudways_server', { server_id: CW_SERVER, resource: 'details' });
  assert.match(JSON.stringify(content), /Prod DO/);
  assert.equal((await cloudwaysState()).tokens_issued, issued, 'Bastion exchanged the API key although a token was set');
});

function filesUnder(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

test('no credential shows in tool results, stderr or the audit log', async () => {
  const auditFiles = filesUnder(path.join(dataDir, 'audit'));
  assert.ok(auditFiles.length > 0, 'no audit files');
  const audit = auditFiles.map((f) => readFileSync(f, 'utf8')).join('\n');
  assert.match(audit, /cloudstack_vm_control/);
  const haystacks = { 'tool results': results.join('\n'), stderr, audit };
  for (const [where, hay] of Object.entries(haystacks)) {
    for (const [secret, value] of Object.entries(SECRETS)) {
      assert.ok(!hay.includes(value), `${secret} appears in ${where}`);
    }
  }
});
