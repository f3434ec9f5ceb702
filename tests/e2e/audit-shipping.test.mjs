// End-to-end audit shipping: one `bastion serve --http` process, configured the way users configure it
// (BASTION_AUDIT_SYSLOG, BASTION_AUDIT_OTLP, BASTION_AUDIT_SHIP_BUFFER in its environment), ships every audit entry to
// a syslog listener (RFC 5424 over TCP, octet-counting framing) and an OTLP/HTTP JSON logs receiver, both on 127.0.0.1
// in this test, while the official TypeScript MCP client calls tools. Checked from outside: each receiver gets every
// entry of the local log in order, with its seq, its hash and its exact line; with both receivers stopped the calls keep
// succeeding, /metrics counts the dropped entries (bastion_audit_ship_dropped_total{sink}) and `bastion doctor` reports
// them; restarted on the same ports, the receivers get the entries written after, in order. Loopback only.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { freePort, startHttpServer, stopHttpServer } from './helpers.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const bastion = process.env.BASTION_BIN ?? path.join(root, 'src', 'Bastion', 'bin', 'Debug', 'net10.0', 'bastion');
const work = mkdtempSync(path.join(os.tmpdir(), 'bastion-e2e-ship-'));
const dataDir = path.join(work, 'data');
const BUFFER = 8;

/**
 * A receiver on a fixed 127.0.0.1 port that can be stopped (every connection cut) and started again on the same port.
 * `records` holds what arrived, in arrival order: `{ seq, hash, line }`.
 */
class Receiver {
  constructor(port, create) {
    this.port = port;
    this.create = create;
    this.records = [];
    this.sockets = new Set();
    this.server = null;
  }

  async start() {
    this.server = this.create(this);
    this.server.on('connection', (socket) => { this.sockets.add(socket); socket.on('close', () => this.sockets.delete(socket)); });
    await new Promise((resolve, reject) => { this.server.once('error', reject); this.server.listen(this.port, '127.0.0.1', resolve); });
  }

  async stop() {
    if (!this.server) return;
    const closed = new Promise((resolve) => this.server.close(resolve));
    for (const socket of this.sockets) socket.destroy();
    await closed;
    this.server = null;
  }

  seqs() { return this.records.map((r) => r.seq); }
}

/** Syslog over TCP, RFC 6587 octet counting: `LENGTH SP MESSAGE`; seq and hash from `[bastion@32473 …]`, the line after it. */
const syslogServer = (receiver) => net.createServer((socket) => {
  let pending = Buffer.alloc(0);
  socket.on('error', () => {});
  socket.on('data', (chunk) => {
    pending = Buffer.concat([pending, chunk]);
    for (;;) {
      const space = pending.indexOf(0x20);
      if (space < 0) return;
      const length = Number(pending.subarray(0, space).toString('ascii'));
      assert.ok(Number.isInteger(length) && length > 0, `bad syslog frame length: ${pending.subarray(0, space)}`);
      if (pending.length < space + 1 + length) return;
      const message = pending.subarray(space + 1, space + 1 + length).toString('utf8');
      pending = pending.subarray(space + 1 + length);
      const m = /^<110>1 \S+ \S+ bastion \d+ audit \[bastion@32473 seq="(\d+)" hash="([^"]+)"[^\]]*\] (.*)$/s.exec(message);
      assert.ok(m, `not an RFC 5424 audit message: ${message.slice(0, 200)}`);
      receiver.records.push({ seq: Number(m[1]), hash: m[2], line: m[3] });
    }
  });
});

/** OTLP/HTTP logs, JSON encoding: seq and hash from the record's attributes, the line from its body. */
const otlpServer = (receiver) => http.createServer((request, response) => {
  const chunks = [];
  request.on('data', (c) => chunks.push(c));
  request.on('end', () => {
    assert.equal(request.method, 'POST');
    assert.equal(request.url, '/v1/logs');
    assert.equal(request.headers['content-type'], 'application/json');
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    for (const resource of body.resourceLogs) {
      for (const scope of resource.scopeLogs) {
        for (const record of scope.logRecords) {
          const attribute = (key) => record.attributes.find((a) => a.key === key)?.value;
          receiver.records.push({ seq: Number(attribute('bastion.audit.seq').intValue), hash: attribute('bastion.audit.hash').stringValue, line: record.body.stringValue });
        }
      }
    }
    response.writeHead(200, { 'Content-Type': 'application/json' }).end('{}');
  });
});

/** The local log's entries (the authoritative chain): `{ seq, hash, line }` in file order. */
function localEntries() {
  return readFileSync(path.join(dataDir, 'audit', 'audit.jsonl'), 'utf8').split('\n').filter(Boolean)
    .map((line) => { const e = JSON.parse(line); return { seq: e.seq, hash: e.hash, line }; });
}

async function eventually(condition, what, seconds = 60) {
  for (const deadline = Date.now() + seconds * 1000; ; await sleep(100)) {
    const value = await condition();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`waited ${seconds} s for: ${what}`);
  }
}

/** The value of the series `name` whose labels include `sink="…"` in /metrics (0 when absent). */
async function sinkMetric(name, sink) {
  const response = await fetch(`${server.base}/metrics`);
  assert.equal(response.status, 200);
  const line = (await response.text()).split('\n').find((l) => l.startsWith(`${name}{`) && l.includes(`sink="${sink}"`));
  return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : 0;
}

/** The "found" cell of `check` in doctor's table, its wrapped lines joined with spaces. */
function doctorFound(table, check) {
  let current = null;
  const found = [];
  for (const row of table.split('\n')) {
    const cells = row.split('│').map((c) => c.trim());
    if (cells.length < 5) continue;
    if (cells[1]) current = cells[1];
    if (current === check && cells[3]) found.push(cells[3]);
  }
  return found.join(' ');
}

let server;
let client;
let syslog;
let otlp;

/** `count` tool calls; every one must succeed. */
async function calls(count) {
  for (let i = 0; i < count; i++) {
    const result = await client.callTool({ name: 'hosts_list', arguments: {} });
    assert.notEqual(result.isError, true, JSON.stringify(result.content));
  }
}

before(async () => {
  syslog = new Receiver(await freePort(), syslogServer);
  otlp = new Receiver(await freePort(), otlpServer);
  await syslog.start();
  await otlp.start();
  // No rate limit: the test makes 90-odd calls within a minute, and the budget is not what it checks.
  server = await startHttpServer(bastion, ['--data-dir', dataDir, '--rate-limit', 'off', '--tenant-rate-limit', 'off'], 30_000, {
    BASTION_AUDIT_SYSLOG: `tcp://127.0.0.1:${syslog.port}`,
    BASTION_AUDIT_OTLP: `http://127.0.0.1:${otlp.port}/v1/logs`,
    BASTION_AUDIT_SHIP_BUFFER: String(BUFFER),
  });
  const transport = new StreamableHTTPClientTransport(new URL(server.url));
  client = new Client({ name: 'bastion-e2e-ship', version: '1.0.0' });
  client.onerror = () => {};
  await client.connect(transport);
});

after(async () => {
  await client?.close();
  await stopHttpServer(server);
  await syslog?.stop();
  await otlp?.stop();
  rmSync(work, { recursive: true, force: true });
});

test('every entry reaches the syslog listener and the OTLP receiver in order, with seq, hash and its exact line', async () => {
  await calls(20);
  const local = localEntries();
  assert.ok(local.length >= 20, `${local.length} entries for 20 calls`);
  assert.deepEqual(local.map((e) => e.seq), local.map((_, i) => i + 1));
  for (const receiver of [syslog, otlp]) {
    await eventually(() => receiver.records.length >= local.length, `${local.length} entries at ${receiver === syslog ? 'syslog' : 'otlp'}`);
    assert.deepEqual(receiver.records.slice(0, local.length), local, 'the records, in order, are the log\'s entries');
  }
  assert.equal(await sinkMetric('bastion_audit_ship_dropped_total', 'syslog'), 0);
  assert.ok(await sinkMetric('bastion_audit_shipped_total', 'otlp') >= local.length);
});

test('receivers stopped: calls succeed, drops are counted in /metrics and reported by doctor', async () => {
  await syslog.stop();
  await otlp.stop();
  const received = { syslog: syslog.records.length, otlp: otlp.records.length };
  await calls(60);
  const local = localEntries();
  const written = local.length - received.otlp;
  assert.ok(written > 2 * BUFFER, `${written} entries written while the receivers were down`);
  for (const sink of ['syslog', 'otlp']) {
    await eventually(async () => (await sinkMetric('bastion_audit_ship_dropped_total', sink)) > 0, `dropped entries of ${sink} in /metrics`);
  }

  // doctor reads what the server keeps in audit/audit.shipping.json (every 5 s while the counts change).
  let lastDoctor = '';
  const doctor = await eventually(() => {
    const run = spawnSync(bastion, ['doctor', '--no-hosts', '--no-platforms', '--data-dir', dataDir], { encoding: 'utf8', env: { ...process.env, COLUMNS: '1000' } });
    lastDoctor = run.stdout + run.stderr;
    const line = doctorFound(run.stdout, 'audit shipping');
    return /syslog: \d+ sent, [1-9]\d* dropped/.test(line) && /otlp: \d+ sent, [1-9]\d* dropped/.test(line) ? run.stdout : null;
  }, 'doctor reporting the drops of both sinks', 30).catch((e) => { throw new Error(`${e.message}; doctor said:\n${lastDoctor}`); });
  assert.match(doctor, /audit shipping/);
  assert.match(doctor, /audit export/, 'doctor says how to fill the gap');
});

test('receivers restarted: shipping resumes in order, though no call came after the restart', async () => {
  const received = { syslog: syslog.records.length, otlp: otlp.records.length };
  await syslog.start();
  await otlp.start();
  // The batch held back while they were down goes first (retried with a back-off of up to 30 s).
  await eventually(() => syslog.records.length > received.syslog && otlp.records.length > received.otlp, 'shipping to resume after the restart');
  // Caught up: every entry so far was either sent or dropped by each sink.
  const resumedAt = localEntries().length;
  for (const sink of ['syslog', 'otlp']) {
    await eventually(async () => (await sinkMetric('bastion_audit_shipped_total', sink)) + (await sinkMetric('bastion_audit_ship_dropped_total', sink)) === resumedAt,
      `${sink}: ${resumedAt} entries sent or dropped`);
  }
  await calls(10);
  const after = localEntries().slice(resumedAt);
  assert.ok(after.length >= 10);
  for (const receiver of [syslog, otlp]) {
    await eventually(() => receiver.records.some((r) => r.seq === after.at(-1).seq), `the last entry at ${receiver === syslog ? 'syslog' : 'otlp'}`);
    const seqs = receiver.seqs();
    for (let i = 1; i < seqs.length; i++) assert.ok(seqs[i] > seqs[i - 1], `out of order at ${i}: ${seqs[i - 1]} then ${seqs[i]}`);
    assert.deepEqual(receiver.records.filter((r) => r.seq > resumedAt), after, 'every entry written after the restart, in order');
  }
  assert.ok(await sinkMetric('bastion_audit_ship_dropped_total', 'otlp') > 0);
});

test('serve exits cleanly on SIGTERM with shipping on (the audit log, and so its shipper, is disposed more than once)', async () => {
  await client.close();
  const exit = await stopHttpServer(server);
  assert.equal(exit?.code, 0, `bastion did not exit cleanly on SIGTERM; stderr:\n${server.stderr}`);
});
