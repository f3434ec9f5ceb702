// End-to-end over SSH, as a user does it: `bastion hosts add` for ten loopback sshd hosts (and one that is down),
// then the official TypeScript MCP client asks `bastion serve` for the group's metrics, runs uptime on every host,
// reads a remote file and round-trips a file. Hosts listen on 127.0.0.202 and up (tests/fleet/fleet.sh, FLEET_BASE=200).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { closeBastionMasters, loopbackFleet } from '../fleet/fleet.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const bastion = process.env.BASTION_BIN ?? path.join(root, 'src', 'Bastion', 'bin', 'Debug', 'net10.0', 'bastion');
const work = mkdtempSync(path.join(os.tmpdir(), 'bastion-e2e-fleet-'));
const fleet = loopbackFleet(path.join(work, 'fleet'), 200);
const dataDir = path.join(work, 'data');
const hostName = (i) => `host${String(i).padStart(2, '0')}`;
const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

let client;

function cli(...args) {
  return execFileSync(bastion, [...args, '--data-dir', dataDir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

async function call(name, args) {
  const result = await client.callTool({ name, arguments: args });
  assert.notEqual(result.isError, true, `${name} failed: ${JSON.stringify(result.content)}`);
  return result.structuredContent;
}

const byHost = (fanOut) => Object.fromEntries(fanOut.hosts.map((h) => [h.host, h]));

async function handleFor(name, args) {
  const plan = await client.callTool({ name, arguments: args });
  assert.equal(plan.isError, true);
  assert.match(plan.content[0].text, /^Confirmation required: nothing ran yet/);
  return JSON.parse(plan.content[0].text.split('\n')[1]).confirmation;
}

before(async () => {
  fleet.run('start', 11);
  fleet.run('halt', 11);
  for (let i = 1; i <= 11; i++) {
    const args = ['hosts', 'add', hostName(i), '--address', fleet.address(i), '--user', 'fleet1',
      '--identity', fleet.keyFile, '--group', 'fleet', '--ssh-config', '/dev/null'];
    const out = cli(...(i === 11 ? [...args, '--no-test'] : args));
    assert.match(out, new RegExp(`Added ${hostName(i)}`));
    if (i !== 11) assert.match(out, /ED25519 SHA256:/);
  }
  const transport = new StdioClientTransport({
    command: bastion,
    args: ['serve', '--data-dir', dataDir, '--mode', 'operator', '--ssh-config', '/dev/null'],
  });
  client = new Client({ name: 'bastion-e2e-fleet', version: '1.0.0' });
  await client.connect(transport);
  await client.listTools();
});

after(async () => {
  await client?.close();
  fleet.run('stop');
  closeBastionMasters(dataDir);
  rmSync(work, { recursive: true, force: true });
});

test('hosts_list shows the ten added hosts and the one that is down, in group fleet', async () => {
  const list = await call('hosts_list', { select: '@fleet' });
  assert.equal(list.total, 11);
  assert.deepEqual(list.groups, [{ name: 'fleet', hosts: 11 }]);
});

test('metrics_sample of the group: ten hosts answer, the stopped one is unreachable', async () => {
  let progress = 0;
  const metrics = await client.callTool({ name: 'metrics_sample', arguments: { target: '@fleet', seconds: 0.3 } }, undefined,
    { onprogress: () => { progress++; } });
  const { summary } = metrics.structuredContent;
  assert.equal(summary.ok, 10);
  assert.equal(summary.unreachable, 1);
  const hosts = byHost(metrics.structuredContent);
  assert.equal(hosts.host11.status, 'unreachable');
  assert.match(hosts.host11.error, /Connection refused/);
  for (let i = 1; i <= 10; i++) {
    assert.equal(hosts[hostName(i)].result.cpu.cpu_count, os.cpus().length);
  }
  assert.ok(progress >= 1, 'no progress notification arrived');
});

test('commands_run uptime on the group: ten answers and one unreachable host, from ten hostnames', async () => {
  const result = await call('commands_run', { target: '@fleet', command: 'uptime' });
  assert.equal(result.summary.targets, 11);
  assert.equal(result.summary.ok, 10);
  assert.equal(result.summary.unreachable, 1);
  const names = byHost(await call('commands_run', { target: '@fleet', argv: ['uname', '-n'] }));
  const hosts = byHost(result);
  for (let i = 1; i <= 10; i++) {
    assert.match(hosts[hostName(i)].result.stdout, /load average/);
    assert.equal(names[hostName(i)].result.stdout, `${hostName(i)}\n`);
  }
});

test('files_read reads a remote file', async () => {
  const file = path.join(work, 'motd.txt');
  writeFileSync(file, 'welcome to the fleet\n', { mode: 0o644 });
  execFileSync('chmod', ['755', work]);
  const result = await call('files_read', { target: 'host04', path: file });
  assert.equal(byHost(result).host04.result.content, 'welcome to the fleet\n');
});

test('a file round-trips through a host with matching SHA-256', async () => {
  const local = path.join(work, 'payload.bin');
  const bytes = randomBytes(3 * 1024 * 1024 + 17);
  writeFileSync(local, bytes);
  const remote = `/home/fleet1/e2e payload ${process.pid}.bin`;
  // Operator mode, and this client cannot be asked (no elicitation): each transfer first returns a plan and a handle.
  const upload = { host: 'host02', source: local, path: remote, overwrite: true };
  const up = await call('files_upload', { ...upload, confirm: await handleFor('files_upload', upload) });
  assert.equal(up.sha256, sha256(bytes));
  assert.equal(up.verified, true);
  const back = path.join(work, 'back.bin');
  const download = { host: 'host09', path: remote, destination: back };
  const down = await call('files_download', { ...download, confirm: await handleFor('files_download', download) });
  assert.equal(down.verified, true);
  assert.equal(sha256(readFileSync(back)), sha256(bytes));
  rmSync(remote, { force: true });
});
