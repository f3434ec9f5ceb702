// End-to-end: Cloudways day-two tools driven through the official TypeScript MCP client over stdio, against the
// Cloudways contract fake run as a process on 127.0.0.1. A read tool answers without asking; change tools are asked
// about first (elicitation), reach the fake once, report progress while Cloudways' operation runs, and a declined
// change leaves the fake untouched.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
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
const fakeDll = path.join(root, 'tests', 'Bastion.Fakes.Cloudways', 'bin', 'Debug', 'net10.0', 'cloudways-fake.dll');

const EMAIL = 'ops@example.test';
const API_KEY = 'cw-api-key-day2-6b1e9d3a7c05f248';
// Cloudways fake seed (tests/Bastion.Fakes.Cloudways/FakeState.cs): server 50482 with app 131933 (shop).
const SERVER = 50482;
const APP = 131933;

const work = mkdtempSync(path.join(os.tmpdir(), 'bastion-e2e-cw-day2-'));
const dataDir = path.join(work, 'data');
let fake;
let fakeUrl;
let client;
let stderr = '';
let answer = 'accept';
const asked = [];

function vaultSet(name, value) {
  const r = spawnSync(bastion, ['vault', 'set', name, '--data-dir', dataDir], { input: value, encoding: 'utf8' });
  assert.equal(r.status, 0, `vault set ${name}: ${r.stderr}`);
}

const state = async () => (await fetch(`${fakeUrl.replace(/\/api\/v\d+$/, '')}/__fake/state`)).json();
const prod = async () => (await state()).servers.find((s) => s.id === SERVER);

async function call(name, args) {
  let progress = 0;
  const result = await client.callTool({ name, arguments: args }, undefined, { onprogress: () => { progress += 1; }, timeout: 60_000 });
  return { result, progress };
}

before(async () => {
  fake = spawn('dotnet', [fakeDll, '--port', '0', '--email', EMAIL, '--api-key', API_KEY, '--operation-polls', '3'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise((resolve) => fake.once('exit', resolve));
  fake.exited = exited;
  fakeUrl = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('cloudways fake not ready in 20 s')), 20_000);
    fake.once('exit', (code) => reject(new Error(`cloudways fake exited (${code})`)));
    readline.createInterface({ input: fake.stdout }).on('line', (line) => {
      const m = /^cloudways-fake ready url=(\S+)/.exec(line);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
  });
  assert.match(fakeUrl, /^http:\/\/127\.0\.0\.1:\d+/);
  vaultSet('cloudways/url', fakeUrl);
  vaultSet('cloudways/email', EMAIL);
  vaultSet('cloudways/api-key', API_KEY);

  client = new Client({ name: 'bastion-e2e-cloudways-day-two', version: '1.0.0' }, { capabilities: { elicitation: {} } });
  client.setRequestHandler(ElicitRequestSchema, async (request) => {
    asked.push(request.params.message);
    return answer === 'accept' ? { action: 'accept', content: { approve: true } } : { action: 'decline' };
  });
  const transport = new StdioClientTransport({ command: bastion, args: ['serve', '--data-dir', dataDir, '--mode', 'operator', '--ssh-config', '/dev/null'], stderr: 'pipe' });
  transport.stderr?.on('data', (chunk) => { stderr += chunk; });
  await client.connect(transport);
  await client.listTools();
});

after(async () => {
  await client?.close().catch(() => {});
  if (fake && fake.exitCode === null && fake.signalCode === null) fake.kill('SIGTERM');
  await fake?.exited;
  rmSync(work, { recursive: true, force: true });
});

test('the Cloudways tools are listed, reads beside destructive changes', async () => {
  const { tools } = await client.listTools();
  const byName = Object.fromEntries(tools.map((t) => [t.name, t]));
  for (const read of ['cloudways_list', 'cloudways_server', 'cloudways_app']) {
    assert.equal(byName[read]?.annotations?.readOnlyHint, true, `${read} is read-only`);
  }
  for (const change of ['cloudways_server_change', 'cloudways_app_change']) {
    assert.equal(byName[change]?.annotations?.destructiveHint, true, `${change} is destructive`);
  }
});

test('cloudways_server services reads the server services without asking', async () => {
  const before = asked.length;
  const { result } = await call('cloudways_server', { server_id: SERVER, resource: 'services' });
  assert.notEqual(result.isError, true, text(result));
  assert.equal(result.structuredContent.data.data.services.nginx, 'running');
  assert.equal(result.structuredContent.details, null);
  assert.equal(asked.length, before, 'a read is never asked about');
});

test('cloudways_list and cloudways_app answer in the shape their output schemas give (the client checks it)', async () => {
  const before = asked.length;
  const servers = (await call('cloudways_list', { resource: 'servers' })).result;
  assert.notEqual(servers.isError, true, text(servers));
  assert.ok(servers.structuredContent.servers.servers.some((s) => s.id === SERVER));
  const app = (await call('cloudways_app', { server_id: SERVER, app_id: APP, resource: 'details' })).result;
  assert.notEqual(app.isError, true, text(app));
  assert.equal(app.structuredContent.details.id, APP);
  const refused = (await call('cloudways_app', { server_id: SERVER, app_id: APP, resource: 'details', git_url: 'git@example.test:x.git' })).result;
  assert.equal(refused.isError, true);
  assert.match(text(refused), /resource 'details' does not take git_url; only git_branches does/);
  assert.equal(asked.length, before, 'a read is never asked about');
});

test('cloudways_app_change purges an app cache after asking', async () => {
  answer = 'accept';
  const before = asked.length;
  const { result } = await call('cloudways_app_change', { server_id: SERVER, app_id: APP, action: 'cache_purge' });
  assert.notEqual(result.isError, true, text(result));
  assert.equal(asked.length, before + 1);
  assert.equal(result.structuredContent.call, 'POST /app/cache/purge');
});

test('cloudways_server_change service_stop stops a service after asking, and the fake saw it', async () => {
  answer = 'accept';
  const before = asked.length;
  const { result } = await call('cloudways_server_change', { server_id: SERVER, service: 'memcached', action: 'service_stop' });
  assert.notEqual(result.isError, true, text(result));
  assert.equal(asked.length, before + 1);
  assert.match(asked.at(-1), /cloudways_server_change/);
  assert.equal(result.structuredContent.power, null);
  assert.equal(result.structuredContent.change.answer.service_status.status, 'stopped');
  assert.equal((await prod()).services.memcached, 'stopped');
});

test('cloudways_app_change backup takes an app backup, reporting progress until the operation completes', async () => {
  answer = 'accept';
  const backups = (await prod()).apps.find((a) => a.id === APP).backups;
  const { result, progress } = await call('cloudways_app_change', { server_id: SERVER, app_id: APP, action: 'backup' });
  assert.notEqual(result.isError, true, text(result));
  assert.equal(result.structuredContent.state, 'completed');
  assert.ok(progress >= 2, `progress notifications: ${progress}`);
  assert.equal((await prod()).apps.find((a) => a.id === APP).backups, backups + 1);
});

test('cloudways_server_change settings raises a PHP limit after asking, refuses an unknown setting, and reads the settings back', async () => {
  answer = 'accept';
  const before = asked.length;
  const { result } = await call('cloudways_server_change', { server_id: SERVER, action: 'settings', settings: ['memory_limit=768', 'display_errors=Off'] });
  assert.notEqual(result.isError, true, text(result));
  assert.equal(asked.length, before + 1);
  assert.equal(result.structuredContent.change.call, 'POST /server/manage/settings');
  assert.equal(result.structuredContent.change.answer.settings_after.memory_limit, '768');
  const refused = (await call('cloudways_server_change', { server_id: SERVER, action: 'settings', settings: ['php_version=8.3'] })).result;
  assert.equal(refused.isError, true);
  assert.match(text(refused), /'php_version' is not a server setting Bastion can change; accepted: execution_limit, memory_limit/);
});

test('a declined cloudways_server_change varnish_disable sends nothing', async () => {
  answer = 'decline';
  const { result } = await call('cloudways_server_change', { server_id: SERVER, action: 'varnish_disable' });
  answer = 'accept';
  assert.equal(text(result), 'The user declined; nothing ran.');
  assert.equal((await prod()).varnish_enabled, true);
  assert.doesNotMatch(stderr, new RegExp(API_KEY));
});
