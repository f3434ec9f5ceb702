// Streamable HTTP throughput: calls per second and latency of the cheap tool with 1, 16 and 64 concurrent clients, each
// client one connection with its own initialized session, closed loop (the next call leaves when the answer is in).
// The same load generator for every server: wrk with wrk/mcp-call.lua, as many threads as clients. Interleaved: for
// each repetition, for each client count, every server in turn; one warm-up run per server discarded.
//
// Bastion is measured twice: with 2025-06-18 sessions (as the reference, which offers no later revision) and as a
// client of the current revision, 2026-07-28, calls it: no session, the protocol version and client capabilities in
// every request's _meta, Mcp-Method/Mcp-Name headers (what @modelcontextprotocol/client 2.4.0 pinned to 2026-07-28 sends).
//
// Besides Bastion and the reference, a diagnostic row: Bastion with its data directory on tmpfs, where the fsyncs of
// the audit log (two per call) cost next to nothing. The gap between the two Bastion rows is the price of a durable
// audit entry per call on this machine's disk.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { processCpuMs, median, ratio, round, since } from './lib/stats.mjs';
import { bastionBin, emptyDataDir, referenceEntry, referenceVersion } from './lib/servers.mjs';
import { initializeRequest, PROTOCOL_VERSION } from './lib/stdio.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const CLIENTS = (process.env.HTTP_CLIENTS ?? '1,16,64').split(',').map(Number);
const SECONDS = Number(process.env.HTTP_SECONDS ?? 4);
const WARMUP_SECONDS = Number(process.env.HTTP_WARMUP_SECONDS ?? 3);
const REPS = Number(process.env.HTTP_REPS ?? 3);
const DIAGNOSTIC = process.env.HTTP_TMPFS_ROW !== '0';
const SHIP = process.env.HTTP_SHIP === '1';
const CURRENT = '2026-07-28';

const freePort = () => new Promise((resolve, reject) => {
  const server = net.createServer();
  server.listen(0, '127.0.0.1', () => { const { port } = server.address(); server.close(() => resolve(port)); });
  server.on('error', reject);
});

/** The JSON-RPC message in an answer that is either plain JSON or an SSE stream of `data:` lines. */
function parseAnswer(text) {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) return JSON.parse(trimmed);
  const data = trimmed.split('\n').filter((l) => l.startsWith('data:')).map((l) => l.slice(5).trim()).filter(Boolean);
  for (const d of data) { const m = JSON.parse(d); if (m.id !== undefined) return m; }
  throw new Error(`no JSON-RPC answer in: ${text.slice(0, 300)}`);
}

const headers = (sid) => ({
  'content-type': 'application/json',
  accept: 'application/json, text/event-stream',
  'mcp-protocol-version': PROTOCOL_VERSION,
  ...(sid ? { 'mcp-session-id': sid } : {}),
});

/** initialize + notifications/initialized; returns the session id. A connection the server closed as it was reused
 * (undici's keep-alive race: "other side closed") is retried once on a new one, and said on stderr. */
async function openSession(url, retried = false) {
  let res;
  try {
    res = await fetch(url, { method: 'POST', headers: headers(), body: JSON.stringify(initializeRequest(1)) });
  } catch (e) {
    if (retried || e?.cause?.code !== 'UND_ERR_SOCKET') throw e;
    console.error(`http: initialize at ${url}: ${e.cause.message}; retried once`);
    return openSession(url, true);
  }
  const sid = res.headers.get('mcp-session-id');
  const answer = parseAnswer(await res.text());
  if (!res.ok || !sid || !answer.result) throw new Error(`initialize at ${url}: HTTP ${res.status}, ${JSON.stringify(answer).slice(0, 300)}`);
  const ack = await fetch(url, { method: 'POST', headers: headers(sid), body: JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }) });
  await ack.arrayBuffer();
  if (ack.status >= 300) throw new Error(`notifications/initialized at ${url}: HTTP ${ack.status}`);
  return sid;
}

async function callOnce(server, sid) {
  const { url, body } = server;
  const extra = server.wrkEnv ? { 'mcp-protocol-version': server.wrkEnv.MCP_PROTOCOL, 'mcp-method': server.wrkEnv.MCP_METHOD, 'mcp-name': server.wrkEnv.MCP_NAME } : {};
  const res = await fetch(url, { method: 'POST', headers: { ...headers(sid), ...extra }, body });
  const answer = parseAnswer(await res.text());
  if (!res.ok || !answer.result || answer.result.isError) throw new Error(`tools/call at ${url}: HTTP ${res.status}, ${JSON.stringify(answer).slice(0, 500)}`);
}

async function startServer(spec) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/mcp`;
  const child = spawn(spec.command, spec.args(port), { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...spec.env(port) } });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr = (stderr + d).slice(-4000); });
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${spec.label} exited: ${stderr}`);
    try {
      await openSession(url);
      break;
    } catch (e) {
      if (Date.now() > deadline) throw new Error(`${spec.label} did not answer at ${url}: ${e.message}\n${stderr}`);
      await sleep(100);
    }
  }
  return { ...spec, child, url };
}

function wrk(server, clients, seconds, work) {
  const sessionsFile = path.join(work, `${server.key}-sessions.txt`);
  writeFileSync(sessionsFile, server.sessions.slice(0, clients).join('\n') + '\n');
  const cpuBefore = processCpuMs(server.child.pid);
  const result = spawnSync('wrk', ['-t', String(clients), '-c', String(clients), '-d', `${seconds}s`, '--timeout', '10s',
    '-s', path.join(here, 'wrk', 'mcp-call.lua'), server.url], {
    encoding: 'utf8',
    env: { ...process.env, MCP_SESSIONS_FILE: sessionsFile, MCP_BODY: server.body, ...(server.wrkEnv ?? {}) },
  });
  const cpu = processCpuMs(server.child.pid) - cpuBefore;
  const line = result.stdout.split('\n').find((l) => l.startsWith('WRKJSON '));
  if (result.status !== 0 || !line) throw new Error(`wrk against ${server.label}: ${result.stderr}${result.stdout}`);
  const r = JSON.parse(line.slice(8));
  return { ...r, server_cpu_ms: cpu };
}

/** Counting syslog and OTLP receivers (audit/sinks.mjs) of their own: { child, env, counts() }. */
async function startReceivers() {
  const child = spawn(process.execPath, [path.join(here, 'audit', 'sinks.mjs')], { stdio: ['ignore', 'pipe', 'inherit'] });
  const first = await new Promise((resolve, reject) => {
    let text = '';
    child.stdout.on('data', (d) => { text += d; if (text.includes('\n')) resolve(text.split('\n')[0]); });
    child.on('exit', (code) => reject(new Error(`audit/sinks.mjs exited with ${code}`)));
  });
  const ports = JSON.parse(first);
  return {
    child,
    env: { BASTION_AUDIT_SYSLOG: `tcp://127.0.0.1:${ports.syslog}`, BASTION_AUDIT_OTLP: `http://127.0.0.1:${ports.otlp}/v1/logs` },
    counts: async () => (await fetch(`http://127.0.0.1:${ports.otlp}/counts`)).json(),
  };
}

/** A Prometheus counter's total over its label sets from a /metrics page, e.g. bastion_audit_shipped_total. */
const counterTotal = (page, name) => page.split('\n').filter((l) => l.startsWith(`${name}{`) || l.startsWith(`${name} `))
  .reduce((sum, l) => sum + Number(l.trim().split(/\s+/).pop()), 0);

/** What a shipping server wrote and what reached its receivers, once the receivers stopped growing (at most 60 s). */
async function shippingTally(server, dataDir) {
  let last = -1;
  let counts;
  for (let waited = 0; waited < 60; waited++) {
    counts = await server.receivers.counts();
    const now = counts.syslog.entries + counts.otlp.entries;
    if (now === last) break;
    last = now;
    await sleep(1000);
  }
  const metrics = await (await fetch(server.url.replace(/\/mcp$/, '/metrics'))).text();
  const verify = spawnSync(bastionBin, ['audit', 'verify', '--data-dir', dataDir], { encoding: 'utf8' });
  const entries = Number((`${verify.stdout}${verify.stderr}`.match(/(\d[\d,]*) entr/) ?? [])[1]?.replaceAll(',', '') ?? NaN);
  return {
    server: server.label,
    verify_ok: verify.status === 0,
    entries_written: entries,
    syslog_received: counts.syslog.entries,
    otlp_received: counts.otlp.entries,
    syslog_bytes_per_entry: round(counts.syslog.bytes / Math.max(1, counts.syslog.entries), 0),
    otlp_bytes_per_entry: round(counts.otlp.bytes / Math.max(1, counts.otlp.entries), 0),
    shipped_total: counterTotal(metrics, 'bastion_audit_shipped_total'),
    dropped_total: counterTotal(metrics, 'bastion_audit_ship_dropped_total'),
  };
}

/** Runs the benchmark; returns { rows, notes }. */
export async function run() {
  const work = mkdtempSync(path.join(os.tmpdir(), 'bastion-bench-http-'));
  const bastionArgs = (dataDir) => (port) => ['serve', '--http', `http://127.0.0.1:${port}`, '--rate-limit', 'off', '--tenant-rate-limit', 'off',
    // 64 clients share one principal: lift the in-flight caps (32 per principal by default) as the rate limits are.
    '--max-in-flight', '256', '--max-in-flight-per-tenant', '256', '--max-in-flight-per-principal', '256', '--data-dir', dataDir];
  const call = (name, args) => JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name, arguments: args } });
  const call2026 = (name, args) => JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name, arguments: args, _meta: {
    'io.modelcontextprotocol/protocolVersion': CURRENT, 'io.modelcontextprotocol/clientInfo': { name: 'bastion-bench', version: '1.0.0' }, 'io.modelcontextprotocol/clientCapabilities': {},
  } } });
  const specs = [
    { key: 'bastion', role: 'bastion', label: 'Bastion', command: bastionBin, args: bastionArgs(emptyDataDir()), env: () => ({}), body: call('access_status', {}) },
    { key: 'bastion-2026', role: 'bastion', label: `Bastion, ${CURRENT} (no session)`, command: bastionBin, args: bastionArgs(emptyDataDir()), env: () => ({}), body: call2026('access_status', {}),
      stateless: true, wrkEnv: { MCP_PROTOCOL: CURRENT, MCP_METHOD: 'tools/call', MCP_NAME: 'access_status' } },
    { key: 'reference', role: 'reference', label: `server-everything ${referenceVersion}`, command: process.execPath, args: () => [referenceEntry, 'streamableHttp'], env: (port) => ({ PORT: String(port) }), body: call('echo', { message: 'hi' }) },
  ];
  if (DIAGNOSTIC) {
    const shm = mkdtempSync(path.join('/dev/shm', 'bastion-bench-'));
    specs.push({ key: 'bastion-tmpfs', role: 'diagnostic', label: 'Bastion, data dir on tmpfs (diagnostic)', command: bastionBin, args: bastionArgs(shm), env: () => ({}), body: call('access_status', {}), cleanup: shm });
  }
  if (SHIP) {
    const disk = emptyDataDir();
    specs.push({ key: 'bastion-ship', role: 'shipping', label: 'Bastion, audit shipped (syslog + OTLP)', command: bastionBin, args: bastionArgs(disk), dataDir: disk, shipping: true, body: call('access_status', {}) });
    if (DIAGNOSTIC) {
      const shm = mkdtempSync(path.join('/dev/shm', 'bastion-bench-ship-'));
      specs.push({ key: 'bastion-tmpfs-ship', role: 'shipping', label: 'Bastion, data dir on tmpfs, audit shipped (syslog + OTLP)', command: bastionBin, args: bastionArgs(shm), dataDir: shm, shipping: true, body: call('access_status', {}), cleanup: shm });
    }
  }
  const servers = [];
  const receivers = [];
  try {
    for (const spec of specs.filter((s) => s.shipping)) {
      const r = await startReceivers();
      receivers.push(r);
      spec.receivers = r;
      spec.env = () => r.env;
    }
    for (const spec of specs) servers.push(await startServer(spec));
    const most = Math.max(...CLIENTS);
    for (const server of servers) {
      server.sessions = [];
      for (let i = 0; i < most; i++) server.sessions.push(server.stateless ? '' : await openSession(server.url));
      await callOnce(server, server.sessions[0]);
      wrk(server, 16, WARMUP_SECONDS, work); // warm-up (JIT, V8), discarded
    }
    const samples = {};
    for (let rep = 0; rep < REPS; rep++) {
      for (const clients of CLIENTS) {
        for (const server of servers) {
          const r = wrk(server, clients, SECONDS, work);
          if (r.bad > 0 || r.socket_errors > 0) throw new Error(`${server.label} at ${clients} clients: ${r.bad} bad answers, ${r.socket_errors} socket errors`);
          (samples[`${clients}|${server.key}`] ??= []).push(r);
        }
      }
    }
    const shipping = [];
    for (const server of servers.filter((s) => s.shipping)) shipping.push(await shippingTally(server, server.dataDir));
    const rows = [];
    for (const clients of CLIENTS) {
      for (const server of servers) {
        const xs = samples[`${clients}|${server.key}`];
        const perSecond = xs.map((r) => r.requests / (r.duration_us / 1e6));
        rows.push({
          clients,
          server: server.label,
          role: server.role,
          tool: JSON.parse(server.body).params.name,
          runs: xs.length,
          calls: xs.reduce((a, r) => a + r.requests, 0),
          calls_per_s: round(median(perSecond), 0),
          p50_ms: round(median(xs.map((r) => r.p50_us / 1000)), 2),
          p99_ms: round(median(xs.map((r) => r.p99_us / 1000)), 2),
          server_cpu_ms_per_call: round(median(xs.map((r) => r.server_cpu_ms / r.requests)), 3),
        });
      }
      const ref = rows.find((r) => r.clients === clients && r.role === 'reference');
      for (const row of rows.filter((r) => r.clients === clients)) {
        row.throughput_ratio = ratio(row.calls_per_s, ref.calls_per_s);
        row.p99_ratio = ratio(row.p99_ms, ref.p99_ms);
      }
      for (const [shipKey, offKey] of [['bastion-ship', 'bastion'], ['bastion-tmpfs-ship', 'bastion-tmpfs']]) {
        const on = rows.find((r) => r.clients === clients && r.server === specs.find((s) => s.key === shipKey)?.label);
        const off = rows.find((r) => r.clients === clients && r.server === specs.find((s) => s.key === offKey)?.label);
        if (on && off) on.shipping_on_off = ratio(on.calls_per_s, off.calls_per_s);
      }
    }
    return {
      rows,
      ...(SHIP ? { shipping } : {}),
      notes: [
        `wrk ${SECONDS} s per cell, ${REPS} interleaved repetitions (medians across them; p50/p99 are wrk's per run, median of runs), one ${WARMUP_SECONDS} s warm-up per server discarded.`,
        'Each client: one keep-alive connection, one initialized session, one call in flight. Bad answers (non-200, no JSON-RPC result, isError) fail the benchmark.',
        `Bastion, ${CURRENT}: a second Bastion process of the same build; each request stands alone (no initialize, no session), as a client pinned to ${CURRENT} sends it.`,
        'Bastion: serve --http --rate-limit off --tenant-rate-limit off, empty data directory (no API key: no authentication on loopback). Reference: PORT=… node dist/index.js streamableHttp.',
        'server CPU per call: user+system time of the server process during the run (/proc schedstat) ÷ calls; wrk ran on the same 2 CPUs.',
        ...(SHIP ? ['Audit shipped: the same build with BASTION_AUDIT_SYSLOG (TCP) and BASTION_AUDIT_OTLP (OTLP/HTTP) set to counting receivers of its own on 127.0.0.1 (audit/sinks.mjs); "on ÷ off" is its calls/s over the row without shipping on the same medium, in the same interleaved runs.'] : []),
      ],
    };
  } finally {
    for (const s of servers) s.child.kill('SIGKILL');
    for (const r of receivers) r.child.kill('SIGTERM');
    for (const s of specs) if (s.cleanup) rmSync(s.cleanup, { recursive: true, force: true });
    rmSync(work, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const started = process.hrtime.bigint();
  console.log(JSON.stringify(await run(), null, 2));
  console.error(`http: ${(since(started) / 1000).toFixed(0)} s`);
}
