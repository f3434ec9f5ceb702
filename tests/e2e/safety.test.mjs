// End-to-end safety, through the official TypeScript MCP client: with defaults, Bastion refuses `rm -rf` with a reason
// and runs `uptime` on a group; in operator mode it asks (MCP elicitation) before restarting a service and runs only
// after the user approves, or hands out a plan and a single-use handle to a client that cannot be asked; and
// `bastion audit verify` passes on the resulting log and fails on a hand-edited copy. Hosts: 127.0.0.222 and up.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { ElicitRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { closeBastionMasters, loopbackFleet } from '../fleet/fleet.mjs';
import { text } from './helpers.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const bastion = process.env.BASTION_BIN ?? path.join(root, 'src', 'Bastion', 'bin', 'Debug', 'net10.0', 'bastion');
const work = mkdtempSync(path.join(os.tmpdir(), 'bastion-e2e-safety-'));
const fleet = loopbackFleet(path.join(work, 'fleet'), 220);
const dataDir = path.join(work, 'data');
const marker = path.join(os.tmpdir(), `bastion-e2e-restarted-${process.pid}`);
const policy = path.join(work, 'policy.yaml');

function cli(...args) {
  return spawnSync(bastion, [...args, '--data-dir', dataDir], { encoding: 'utf8' });
}

async function connect(args, { elicit } = {}) {
  const client = new Client({ name: 'bastion-e2e-safety', version: '1.0.0' }, elicit ? { capabilities: { elicitation: {} } } : {});
  if (elicit) client.setRequestHandler(ElicitRequestSchema, async (request) => elicit(request.params));
  await client.connect(new StdioClientTransport({ command: bastion, args: ['serve', '--data-dir', dataDir, '--ssh-config', '/dev/null', ...args] }));
  await client.listTools();
  return client;
}

before(() => {
  fleet.run('start', 2);
  for (const i of [1, 2]) {
    const added = cli('hosts', 'add', `web0${i}`, '--address', fleet.address(i), '--user', 'fleet1',
      '--identity', fleet.keyFile, '--group', 'web', '--ssh-config', '/dev/null');
    assert.equal(added.status, 0, added.stderr);
  }
  // "Restarting the service" is observable here (no systemd on the test machine): the rule allows this exact command.
  writeFileSync(policy, `rules:\n  - groups: [web]\n    allow: ["touch ${marker}"]\n`);
});

after(() => {
  fleet.run('stop');
  closeBastionMasters(dataDir);
  rmSync(marker, { force: true });
  rmSync(work, { recursive: true, force: true });
});

test('with defaults: rm -rf is refused with a reason, uptime runs on the group', async () => {
  const client = await connect([]);
  try {
    const refused = await client.callTool({ name: 'commands_run', arguments: { target: '@web', command: 'rm -rf /tmp/x' } });
    assert.equal(refused.isError, true);
    assert.match(text(refused), /^Refused on host 'web01': .*read-only/s);
    const uptime = await client.callTool({ name: 'commands_run', arguments: { target: '@web', command: 'uptime' } });
    assert.notEqual(uptime.isError, true, text(uptime));
    assert.equal(uptime.structuredContent.summary.ok, 2);
    for (const host of uptime.structuredContent.hosts) assert.match(host.result.stdout, /load average/);
    const tools = (await client.listTools()).tools.map((t) => t.name);
    assert.ok(!tools.includes('files_upload'), 'read-only mode serves no writing tool');
  } finally {
    await client.close();
  }
});

test('operator mode asks before the restart and runs only after approval', async () => {
  const asked = [];
  let answer = 'decline';
  const client = await connect(['--mode', 'operator', '--policy', policy], {
    elicit: (params) => {
      asked.push(params.message);
      return answer === 'approve' ? { action: 'accept', content: { approve: true } } : { action: 'decline' };
    },
  });
  try {
    const call = { name: 'commands_run', arguments: { target: '@web', command: `touch ${marker}` } };
    const declined = await client.callTool(call);
    assert.equal(declined.isError, true);
    assert.equal(text(declined), 'The user declined; nothing ran.');
    assert.equal(existsSync(marker), false);
    assert.match(asked[0], new RegExp(`run \`touch ${marker}\` in the user's home directory \\(no cwd given\\) on web01, web02 \\(2 hosts\\)`));

    answer = 'approve';
    const ran = await client.callTool(call);
    assert.notEqual(ran.isError, true, text(ran));
    assert.equal(ran.structuredContent.summary.ok, 2);
    assert.equal(existsSync(marker), true);
    assert.equal(asked.length, 2);
  } finally {
    await client.close();
  }
});

test('a client that cannot be asked gets a plan and a single-use handle', async () => {
  rmSync(marker, { force: true });
  const client = await connect(['--mode', 'operator', '--policy', policy]);
  try {
    const args = { target: 'web01', command: `touch ${marker}` };
    const plan = await client.callTool({ name: 'commands_run', arguments: args });
    assert.equal(plan.isError, true);
    assert.match(text(plan), /^Confirmation required: nothing ran yet/);
    assert.equal(existsSync(marker), false);
    const { confirmation, targets, action } = JSON.parse(text(plan).split('\n')[1]);
    assert.deepEqual(targets, ['web01']);
    assert.equal(action, `run \`touch ${marker}\` in the user's home directory (no cwd given)`);
    const ran = await client.callTool({ name: 'commands_run', arguments: { ...args, confirm: confirmation } });
    assert.notEqual(ran.isError, true, text(ran));
    assert.equal(existsSync(marker), true);
    const reused = await client.callTool({ name: 'commands_run', arguments: { ...args, confirm: confirmation } });
    assert.match(text(reused), /unknown or was already used/);
  } finally {
    await client.close();
  }
});

test('bastion audit verify passes on the log and fails on a hand-edited copy', () => {
  const verified = cli('audit', 'verify');
  assert.equal(verified.status, 0, verified.stderr);
  assert.match(verified.stdout, /^ok: \d+ entries/);
  const entries = readFileSync(path.join(dataDir, 'audit', 'audit.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  assert.ok(entries.some((e) => e.decision === 'refused' && e.tool === 'commands_run'));
  assert.ok(entries.some((e) => e.decision === 'declined'));
  assert.ok(entries.some((e) => e.phase === 'intent' && e.decision === 'confirmed'));

  const copy = path.join(work, 'audit-copy');
  cpSync(path.join(dataDir, 'audit'), copy, { recursive: true });
  const file = path.join(copy, 'audit.jsonl');
  writeFileSync(file, readFileSync(file, 'utf8').replace('rm -rf /tmp/x', 'ls -la /tmp/x'));
  const broken = spawnSync(bastion, ['audit', 'verify', '--dir', copy], { encoding: 'utf8' });
  assert.equal(broken.status, 1);
  assert.match(broken.stderr, /^BROKEN: .*audit\.jsonl.*line \d+/);
});
