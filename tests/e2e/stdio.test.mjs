// End-to-end: the built `bastion serve`, started as a desktop client starts it, driven over stdio by the official
// TypeScript MCP client. The client checks every structured result against the tool's output schema (ajv); the test
// checks the figures against what it reads from /proc, os and df itself.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const bastion = process.env.BASTION_BIN ?? path.join(root, 'src', 'Bastion', 'bin', 'Debug', 'net10.0', 'bastion');

const EXPECTED_TOOLS = ['access_status', 'alert_rules_list', 'alerts_list', 'audit_search', 'cloudstack_status', 'cloudways_status', 'commands_run', 'credentials_status', 'disks_list', 'files_list', 'files_read', 'groups_list', 'hosts_describe',
  'hosts_list', 'interfaces_list', 'logs_search', 'logs_tail', 'metrics_history', 'metrics_sample', 'metrics_top', 'packages_list', 'processes_list', 'services_list',
  'sockets_list', 'users_list'];

let client;
let stderr = '';
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'bastion-e2e-'));

const memTotalBytes = () =>
  Number(/^MemTotal:\s+(\d+) kB/m.exec(readFileSync('/proc/meminfo', 'utf8'))[1]) * 1024;

// Host tools answer with a summary and one outcome per host; on the local host alone, the local result.
async function call(name, args = {}) {
  const result = await client.callTool({ name, arguments: args });
  assert.notEqual(result.isError, true, `${name} failed: ${JSON.stringify(result.content)}`);
  const content = result.structuredContent;
  assert.ok(content, `${name} returned no structured content`);
  if (!content.summary) return content;
  assert.equal(content.hosts.length, 1);
  assert.equal(content.hosts[0].status, 'ok', `${name}: ${content.hosts[0].error}`);
  return content.hosts[0].result;
}

async function callError(name, args) {
  const result = await client.callTool({ name, arguments: args });
  assert.equal(result.isError, true, `${name} should have failed: ${JSON.stringify(result)}`);
  return result.content.map((c) => c.text).join('\n');
}

before(async () => {
  const transport = new StdioClientTransport({ command: bastion, args: ['serve', '--data-dir', dataDir], stderr: 'pipe' });
  transport.stderr?.on('data', (chunk) => { stderr += chunk; });
  client = new Client({ name: 'bastion-e2e', version: '1.0.0' });
  await client.connect(transport);
  // Listing tools also makes the client cache an output-schema validator for each.
  await client.listTools();
});

after(async () => {
  await client?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

test('initialize names the server and gives instructions', () => {
  assert.equal(client.getServerVersion().name, 'bastion');
  assert.match(client.getInstructions() ?? '', /hosts_list/);
});

test('tools/list serves the catalogue with annotations and output schemas', async () => {
  const { tools } = await client.listTools();
  assert.deepEqual(tools.map((t) => t.name).sort(), EXPECTED_TOOLS);
  for (const tool of tools) {
    // commands_run says it can change things; in read-only mode the policy holds it to read-only commands.
    assert.equal(tool.annotations?.readOnlyHint, tool.name !== 'commands_run', tool.name);
    assert.equal(tool.annotations?.destructiveHint, tool.name === 'commands_run', tool.name);
    assert.equal(tool.outputSchema?.type, 'object', tool.name);
    assert.ok(tool.description.length > 80, tool.name);
  }
});

test('hosts_list always holds the local host', async () => {
  const result = await call('hosts_list');
  assert.deepEqual(result.hosts.map((h) => h.name), ['local']);
});

test('hosts_describe matches this machine', async () => {
  const id = await call('hosts_describe', { target: 'local' });
  assert.equal(id.hostname, os.hostname());
  assert.equal(id.kernel, os.release());
  assert.equal(id.cpu_count, os.cpus().length);
  assert.equal(id.memory_total_bytes, memTotalBytes());
  assert.ok(Math.abs(id.uptime_seconds - os.uptime()) < 60, `uptime ${id.uptime_seconds} vs ${os.uptime()}`);
  assert.ok(Date.parse(id.boot_time) < Date.now());
});

test('metrics_sample reports real CPU, memory, disk and network figures', async () => {
  const m = await call('metrics_sample', { seconds: 0.5 });
  assert.equal(m.memory.total_bytes, memTotalBytes());
  assert.equal(m.cpu.cpu_count, os.cpus().length);
  const cpuSum = m.cpu.user_percent + m.cpu.system_percent + m.cpu.iowait_percent + m.cpu.steal_percent + m.cpu.idle_percent;
  assert.ok(Math.abs(cpuSum - 100) < 1.5, `CPU states add up to ${cpuSum}`);
  assert.ok(m.sample_seconds > 0.3 && m.sample_seconds < 2, `window ${m.sample_seconds}`);

  const df = execFileSync('df', ['-P', '-k', '/'], { encoding: 'utf8' }).trim().split('\n')[1].split(/\s+/);
  const rootFs = m.disks.find((d) => d.mount_point === '/');
  assert.ok(rootFs, 'no / in disks');
  assert.equal(rootFs.total_bytes, Number(df[1]) * 1024);
  assert.ok(rootFs.used_percent >= 0 && rootFs.used_percent <= 100);
  assert.ok(Math.abs(rootFs.used_bytes - Number(df[2]) * 1024) < 512 * 1024 * 1024, 'used bytes far from df');
  assert.ok(!m.network.some((n) => n.interface === 'lo'), 'lo is virtual: left out by default');
  assert.ok(m.notes.some((n) => n.startsWith('Left out ') && /\blo\b/.test(n)), 'the note counts what was left out');
  assert.ok(Array.isArray(m.disk_io));
  for (const d of m.disk_io) {
    assert.ok(d.util_percent >= 0 && d.util_percent <= 100, `${d.device} util ${d.util_percent}`);
  }
  assert.ok(m.load.one >= 0);

  const all = await call('metrics_sample', { seconds: 0.1, include_virtual: true });
  assert.ok(all.network.some((n) => n.interface === 'lo'), 'include_virtual lists lo');
});

test('processes_list puts a spinning process among the top by CPU', async () => {
  const spinner = spawn('sh', ['-c', 'while :; do :; done'], { stdio: 'ignore' });
  try {
    await new Promise((r) => setTimeout(r, 200));
    // Other tests run at the same time on few cores, so the spinner need not be first.
    const list = await call('processes_list', { sort: 'cpu', limit: 12, seconds: 0.5 });
    const cpu = list.processes.map((p) => p.cpu_percent);
    assert.deepEqual(cpu, [...cpu].sort((a, b) => b - a));
    const spinning = list.processes.find((p) => p.pid === spinner.pid);
    assert.ok(spinning, `spinner ${spinner.pid} not in ${JSON.stringify(list.processes.map((p) => [p.pid, p.command, p.cpu_percent]))}`);
    assert.ok(spinning.cpu_percent > 10, `cpu ${spinning.cpu_percent}`);
    assert.equal(spinning.command, 'sh -c while :; do :; done');
    const byMemory = await call('processes_list', { sort: 'memory', limit: 5, seconds: 0.1 });
    const rss = byMemory.processes.map((p) => p.rss_bytes);
    assert.deepEqual(rss, [...rss].sort((a, b) => b - a));
  } finally {
    spinner.kill();
  }
});

test('users_list and groups_list read the account databases', async () => {
  const users = await call('users_list', { filter: 'root' });
  const rootUser = users.users.find((u) => u.name === 'root');
  assert.equal(rootUser.uid, 0);
  assert.equal(rootUser.sudo, true);
  const groups = await call('groups_list', { limit: 1000 });
  assert.ok(groups.groups.some((g) => g.name === 'root' && g.gid === 0));
});

test('packages_list finds coreutils with its dpkg version', async () => {
  const packages = await call('packages_list', { filter: 'coreutils' });
  const version = execFileSync('dpkg-query', ['-W', '-f=${Version}', 'coreutils'], { encoding: 'utf8' });
  assert.equal(packages.manager, 'dpkg');
  assert.equal(packages.packages.find((p) => p.name === 'coreutils').version, version);
});

test('sockets_list sees a listener the test opens', async () => {
  const server = net.createServer();
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  try {
    const { port } = server.address();
    const sockets = await call('sockets_list', { limit: 1000 });
    assert.ok(sockets.sockets.some((s) => s.port === port && s.protocol === 'tcp' && s.address === '127.0.0.1'),
      `port ${port} not in ${JSON.stringify(sockets.sockets)}`);
  } finally {
    server.close();
  }
});

test('interfaces_list and disks_list describe the hardware', async () => {
  const interfaces = await call('interfaces_list');
  const lo = interfaces.interfaces.find((i) => i.name === 'lo');
  assert.ok(lo.addresses.some((a) => a.address === '127.0.0.1' && a.prefix_length === 8));
  const disks = await call('disks_list');
  assert.ok(disks.devices.some((d) => d.size_bytes > 0));
});

test('services_list says why it is empty where systemd is not running', async () => {
  const services = await call('services_list');
  if (services.manager === null) {
    assert.match(services.note, /systemd is not running on this host/);
  } else {
    assert.ok(services.services.length > 0);
  }
});

test('logs_tail reads the end of a log file, filtered on the host', async () => {
  const file = `/var/log/bastion-e2e-${process.pid}.log`;
  writeFileSync(file, 'boot\nerror: disk full\nok\nerror: again\nbye\n');
  try {
    const tail = await call('logs_tail', { path: file, limit: 2 });
    assert.deepEqual(tail.lines, ['error: again', 'bye']);
    assert.equal(tail.truncated, true);
    const errors = await call('logs_tail', { path: file, pattern: '^error' });
    assert.deepEqual(errors.lines, ['error: disk full', 'error: again']);
  } finally {
    rmSync(file);
  }
});

test('logs_search counts the matches of a time window, and logs_tail keeps to one', async () => {
  const file = `/var/log/bastion-e2e-${process.pid}-time.log`;
  const stamp = (minutesAgo) => new Date(Date.now() - minutesAgo * 60_000).toISOString();
  writeFileSync(file, [
    `${stamp(120)} ERROR payment gateway timeout`,
    `${stamp(50)} ERROR payment gateway timeout`,
    '  at Gateway.call (gateway.js:12)',
    `${stamp(40)} INFO retry ok`,
    `${stamp(20)} ERROR payment gateway timeout`,
    `${stamp(1)} INFO done`,
  ].join('\n') + '\n');
  try {
    const found = await call('logs_search', { path: file, pattern: 'ERROR', since: '-1h', limit: 1 });
    assert.equal(found.matches, 2);
    assert.equal(found.matches_at_least, false);
    assert.equal(found.lines.length, 1);
    assert.match(found.lines[0], /ERROR payment gateway timeout$/);
    assert.ok(Date.parse(found.last_match_at) - Date.parse(found.first_match_at) > 25 * 60_000);
    const window = await call('logs_tail', { path: file, since: '-55m', until: '-30m' });
    assert.equal(window.lines.length, 3);
    assert.match(window.lines[0], /ERROR payment gateway timeout$/);
    assert.equal(window.lines[1], '  at Gateway.call (gateway.js:12)');
    assert.match(window.lines[2], /INFO retry ok$/);
    assert.match(await callError('logs_search', { path: file, pattern: 'x', since: 'yesterday' }), /since 'yesterday' is not a time\. Accepted: 'now'/);
  } finally {
    rmSync(file);
  }
});

test('bad arguments come back as tool errors that say what is accepted', async () => {
  assert.match(await callError('hosts_describe', { target: 'web-01' }), /Unknown host 'web-01'\. Known hosts: local/);
  assert.match(await callError('processes_list', { limit: -1 }), /limit: -1 is below the minimum 1 \(accepted: 1 to 200\)/);
  assert.match(await callError('logs_tail', { path: '/etc/shadow' }), /outside what the logs tools may read\. Accepted: an absolute path to a file under \/var\/log/);
});

test('metrics_history with chart=true adds a PNG image of the collected series', async () => {
  // serve samples the local host once initialize was answered; memory has a point from the first tick.
  const args = { metrics: 'memory', since: '-10m' };
  for (let attempt = 0; ; attempt++) {
    const history = await call('metrics_history', args);
    if (history.hosts[0].series.some((s) => s.points.length > 0)) break;
    assert.ok(attempt < 120, 'no history point after 30 s of serve');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }

  const plain = await client.callTool({ name: 'metrics_history', arguments: args });
  assert.equal(plain.content.filter((c) => c.type === 'image').length, 0);

  const charted = await client.callTool({ name: 'metrics_history', arguments: { ...args, chart: true } });
  assert.notEqual(charted.isError, true, JSON.stringify(charted.content));
  assert.ok(charted.structuredContent.hosts.length === 1);
  const images = charted.content.filter((c) => c.type === 'image');
  assert.equal(images.length, 1);
  assert.equal(images[0].mimeType, 'image/png');
  const png = Buffer.from(images[0].data, 'base64');
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  assert.equal(png.subarray(12, 16).toString('ascii'), 'IHDR');
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  assert.ok(width > 0 && width <= 1200, `width ${width}`);
  assert.ok(height > 0 && height <= 600, `height ${height}`);
});

test('nothing but protocol reached stdout, and stderr holds no crash', () => {
  assert.doesNotMatch(stderr, /Unhandled exception|fail:/i);
});
