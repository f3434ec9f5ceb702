// End-to-end: an alert rule on disk used % fires when the test fills a real file system and resolves when the test
// frees it. The file system is a small ext4 image, loop-mounted (the history script counts it as real: ext4 on
// /dev/loopN); `bastion serve` samples it every second and evaluates the rule after each tick. Driven over stdio by the
// official TypeScript MCP client, which checks every structured result against the tool's output schema. Needs root.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { freePort } from './helpers.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const bastion = process.env.BASTION_BIN ?? path.join(root, 'src', 'Bastion', 'bin', 'Debug', 'net10.0', 'bastion');

const work = mkdtempSync(path.join(os.tmpdir(), 'bastion-e2e-alerts-'));
const dataDir = path.join(work, 'data');
const image = path.join(work, 'fs.img');
const mountPoint = path.join(work, 'mnt');
const filler = path.join(mountPoint, 'filler');
let mounted = false;
let client;
let stderr = '';

async function call(name, args = {}) {
  const result = await client.callTool({ name, arguments: args });
  assert.notEqual(result.isError, true, `${name} failed: ${JSON.stringify(result.content)}`);
  return result.structuredContent;
}

async function waitFor(what, check) {
  for (let attempt = 0; attempt < 120; attempt++) {
    const found = await check();
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  assert.fail(`${what} did not happen within 30 s; bastion stderr:\n${stderr.slice(-2000)}`);
}

/** Reads the firing-alerts resource from a second process, `bastion serve --http` on loopback over the same data directory. */
async function readOverHttp() {
  const base = `http://127.0.0.1:${await freePort()}`;
  const proc = spawn(bastion, ['serve', '--http', base, '--data-dir', dataDir], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  try {
    await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`bastion serve --http did not start in 20 s:\n${log}`)), 20_000);
      proc.stderr.on('data', (chunk) => {
        log += chunk;
        if (log.includes('Bastion MCP endpoint:')) { clearTimeout(timer); resolve(); }
      });
      proc.on('exit', (code) => { clearTimeout(timer); reject(new Error(`bastion exited (${code}):\n${log}`)); });
    });
    const http = new Client({ name: 'bastion-e2e-alerts-http', version: '1.0.0' });
    await http.connect(new StreamableHTTPClientTransport(new URL(`${base}/mcp`)));
    try {
      const { resources } = await http.listResources();
      assert.ok(resources.some((r) => r.uri === 'bastion://alerts/firing'));
      const read = await http.readResource({ uri: 'bastion://alerts/firing' });
      return JSON.parse(read.contents[0].text);
    } finally {
      await http.close();
    }
  } finally {
    proc.kill('SIGTERM');
  }
}

before(async () => {
  mkdirSync(dataDir);
  mkdirSync(mountPoint);
  execFileSync('truncate', ['-s', '64M', image]);
  execFileSync('mkfs.ext4', ['-q', '-F', image]);
  execFileSync('mount', ['-o', 'loop', image, mountPoint]);
  mounted = true;
  writeFileSync(path.join(dataDir, 'alerts.yaml'), [
    'rules:',
    '  - name: test-disk',
    '    target: local',
    '    metric: disk',
    `    instance: ${JSON.stringify(mountPoint)}`,
    '    aggregate: min',
    '    for: 2s',
    '    comparison: ">="',
    '    threshold: 50',
    '    severity: critical',
    '',
  ].join('\n'));
  const transport = new StdioClientTransport({
    command: bastion,
    args: ['serve', '--data-dir', dataDir],
    env: { ...process.env, BASTION_COLLECT_INTERVAL: '1' },
    stderr: 'pipe',
  });
  transport.stderr?.on('data', (chunk) => { stderr += chunk; });
  client = new Client({ name: 'bastion-e2e-alerts', version: '1.0.0' });
  await client.connect(transport);
  await client.listTools();
});

after(async () => {
  await client?.close();
  if (mounted) execFileSync('umount', [mountPoint]);
  rmSync(work, { recursive: true, force: true });
});

test('a disk rule fires when the test fills a file system, shows in alerts_list and the resource (stdio and HTTP), and resolves when freed', async () => {
  const rules = await call('alert_rules_list');
  assert.equal(rules.source, 'file');
  assert.deepEqual(rules.rules.map((r) => r.name), ['test-disk']);

  // The collector records the empty file system first.
  await waitFor('a sample of the test file system', async () => {
    const history = await call('metrics_history', { metrics: 'disk', since: '-5m' });
    return history.hosts[0].series.some((s) => s.metric === 'disk.used_percent' && s.instance === mountPoint && s.points.length > 0);
  });
  assert.equal((await call('alerts_list', { state: 'all' })).alerts.length, 0);

  execFileSync('fallocate', ['-l', '40M', filler]);
  const fired = await waitFor('the alert firing', async () =>
    (await call('alerts_list')).alerts.find((a) => a.rule === 'test-disk'));
  assert.equal(fired.host, 'local');
  assert.equal(fired.state, 'firing');
  assert.equal(fired.severity, 'critical');
  assert.equal(fired.metric, `disk.used_percent[${mountPoint}]`);
  assert.equal(fired.condition, 'min over 2s >= 50');
  assert.ok(fired.value >= 50 && fired.value <= 100, `value ${fired.value}`);

  const { resources } = await client.listResources();
  assert.ok(resources.some((r) => r.uri === 'bastion://alerts/firing' && r.mimeType === 'application/json'));
  const resource = await client.readResource({ uri: 'bastion://alerts/firing' });
  const firing = JSON.parse(resource.contents[0].text);
  assert.ok(firing.alerts.some((a) => a.rule === 'test-disk' && a.state === 'firing'));
  const overHttp = await readOverHttp();
  assert.ok(overHttp.alerts.some((a) => a.rule === 'test-disk' && a.id === fired.id), JSON.stringify(overHttp));

  rmSync(filler);
  const resolved = await waitFor('the alert resolving', async () =>
    (await call('alerts_list', { state: 'resolved' })).alerts.find((a) => a.rule === 'test-disk'));
  assert.equal(resolved.id, fired.id);
  assert.ok(resolved.end_value < 50, `end value ${resolved.end_value}`);
  assert.ok(new Date(resolved.ended_at) > new Date(resolved.started_at));
  assert.equal((await call('alerts_list')).alerts.length, 0);
});
