// The cost of sharing: Streamable HTTP calls/s and p99 of `bastion serve --http --store postgres://…` against the
// embedded default (files in the data directory) on the same machine, and audit appends/s under 64 concurrent clients
// with the store. Not part of bench/run's default set: it needs a PostgreSQL (BENCH_PG, an Npgsql connection string of
// a role that may create databases, as BASTION_TEST_PG in tests; the benchmark creates and drops its own database).
//
//   BENCH_PG='Host=127.0.0.1;Port=5433;Username=postgres;Password=…' BASTION_BIN=… node bench/shared-store.mjs
//
// Load: wrk with wrk/mcp-call.lua, a client of the 2026-07-28 revision (no session: every request stands alone, as a
// client behind a load balancer sends it) calling access_status, which goes through the whole call pipeline and
// appends one audit entry (embedded: audit.jsonl + fsync; store: one transaction on the tenant's chain head) and, with
// the store, takes its rate-limit token from the store (rate limits on, as a shared deployment runs). Interleaved: for
// each repetition, for each client count, the embedded server then the store server; one warm-up run each, discarded.
// After the runs, `bastion audit verify --store` must find the chain intact with one entry per successful call.
// Writes results/shared-store.json and results/shared-store.md.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { processCpuMs, machine, median, ratio, round } from './lib/stats.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
// As lib/servers.mjs (not imported: it needs the reference server's npm packages, which this benchmark does not).
const bastionBin = process.env.BASTION_BIN ?? path.join(here, '.build', 'bastion', 'bastion');
const emptyDataDir = () => mkdtempSync(path.join(os.tmpdir(), 'bastion-bench-data-'));
const CLIENTS = (process.env.STORE_CLIENTS ?? '1,16,64').split(',').map(Number);
const SECONDS = Number(process.env.STORE_SECONDS ?? 5);
const WARMUP_SECONDS = Number(process.env.STORE_WARMUP_SECONDS ?? 3);
const REPS = Number(process.env.STORE_REPS ?? 3);
const CURRENT = '2026-07-28';

const setting = process.env.BENCH_PG ?? process.env.BASTION_TEST_PG;
if (!setting) {
  console.error('BENCH_PG (or BASTION_TEST_PG) must name a PostgreSQL: Host=…;Port=…;Username=…;Password=…');
  process.exit(2);
}
const pg = Object.fromEntries(setting.split(';').filter(Boolean).map((kv) => [kv.slice(0, kv.indexOf('=')).trim().toLowerCase(), kv.slice(kv.indexOf('=') + 1).trim()]));
const database = `bastion_bench_${process.pid}`;
const storeUrl = `postgres://${pg.username}@${pg.host}:${pg.port}/${database}`;
const pgEnv = { PGPASSWORD: pg.password ?? '' };
const psql = (sql) => execFileSync('psql', ['-h', pg.host, '-p', pg.port, '-U', pg.username, '-d', 'postgres', '-qAtc', sql], { env: { ...process.env, ...pgEnv } });

const freePort = () => new Promise((resolve, reject) => {
  const server = net.createServer();
  server.listen(0, '127.0.0.1', () => { const { port } = server.address(); server.close(() => resolve(port)); });
  server.on('error', reject);
});

const body = JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'access_status', arguments: {}, _meta: {
  'io.modelcontextprotocol/protocolVersion': CURRENT, 'io.modelcontextprotocol/clientInfo': { name: 'bastion-bench', version: '1.0.0' }, 'io.modelcontextprotocol/clientCapabilities': {},
} } });
const wrkEnv = { MCP_PROTOCOL: CURRENT, MCP_METHOD: 'tools/call', MCP_NAME: 'access_status', MCP_BODY: body };

async function start(label, dataDir, extra) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/mcp`;
  // Rate limits far above the load but on: with the store every request takes its token from rate_buckets.
  // STORE_RATE_LIMITS=off (diagnostic) turns them off on both servers, to show what the buckets cost.
  const limits = process.env.STORE_RATE_LIMITS === 'off' ? ['off', 'off'] : ['1000000/min', '1000000/min'];
  const args = ['serve', '--http', `http://127.0.0.1:${port}`, '--data-dir', dataDir, '--rate-limit', limits[0], '--tenant-rate-limit', limits[1],
    '--max-in-flight', '256', '--max-in-flight-per-tenant', '256', '--max-in-flight-per-principal', '256', ...extra];
  const child = spawn(bastionBin, args, { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...pgEnv } });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr = (stderr + d).slice(-4000); });
  for (const deadline = Date.now() + 60_000; !stderr.includes('Bastion MCP endpoint');) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`${label} did not start: ${stderr}`);
    await sleep(100);
  }
  return { label, url, child, dataDir };
}

function wrk(server, clients, seconds, work) {
  const sessions = path.join(work, 'sessions.txt');
  writeFileSync(sessions, '\n'.repeat(clients));
  const cpuBefore = processCpuMs(server.child.pid);
  const result = spawnSync('wrk', ['-t', String(clients), '-c', String(clients), '-d', `${seconds}s`, '--timeout', '10s', '-s', path.join(here, 'wrk', 'mcp-call.lua'), server.url],
    { encoding: 'utf8', env: { ...process.env, MCP_SESSIONS_FILE: sessions, ...wrkEnv } });
  const cpu = processCpuMs(server.child.pid) - cpuBefore;
  const line = result.stdout.split('\n').find((l) => l.startsWith('WRKJSON '));
  if (result.status !== 0 || !line) throw new Error(`wrk against ${server.label}: ${result.stderr}${result.stdout}`);
  const r = JSON.parse(line.slice(8));
  if (r.bad > 0 || r.socket_errors > 0) throw new Error(`${server.label} at ${clients} clients: ${r.bad} bad answers, ${r.socket_errors} socket errors`);
  return { ...r, server_cpu_ms: cpu };
}

const work = mkdtempSync(path.join(os.tmpdir(), 'bastion-bench-store-'));
psql(`CREATE DATABASE ${database}`);
const servers = [];
const load = [os.loadavg()[0]];
let totalStoreCalls = 0;
try {
  servers.push(await start('embedded (files in the data directory)', emptyDataDir(), []));
  servers.push(await start(`shared store (PostgreSQL ${pg.host}:${pg.port})`, emptyDataDir(), ['--store', storeUrl]));
  for (const server of servers) {
    const r = wrk(server, 16, WARMUP_SECONDS, work);
    if (server === servers[1]) totalStoreCalls += r.requests;
  }
  const samples = {};
  for (let rep = 0; rep < REPS; rep++) {
    for (const clients of CLIENTS) {
      for (const [i, server] of servers.entries()) {
        const r = wrk(server, clients, SECONDS, work);
        if (i === 1) totalStoreCalls += r.requests;
        (samples[`${clients}|${i}`] ??= []).push(r);
      }
    }
  }
  load.push(os.loadavg()[0]);
  const verify = spawnSync(bastionBin, ['audit', 'verify', '--store', storeUrl, '--data-dir', servers[1].dataDir], { encoding: 'utf8', env: { ...process.env, ...pgEnv } });
  const rows = [];
  for (const clients of CLIENTS) {
    const row = { clients };
    for (const [i, key] of ['embedded', 'store'].entries()) {
      const xs = samples[`${clients}|${i}`];
      row[key] = {
        calls_per_s: round(median(xs.map((r) => r.requests / (r.duration_us / 1e6))), 0),
        p50_ms: round(median(xs.map((r) => r.p50_us / 1000)), 2),
        p99_ms: round(median(xs.map((r) => r.p99_us / 1000)), 2),
        server_cpu_ms_per_call: round(median(xs.map((r) => r.server_cpu_ms / r.requests)), 3),
      };
    }
    row.throughput_ratio = ratio(row.store.calls_per_s, row.embedded.calls_per_s);
    row.p99_ratio = ratio(row.store.p99_ms, row.embedded.p99_ms);
    rows.push(row);
  }
  const appends = rows.find((r) => r.clients === 64)?.store.calls_per_s ?? null;
  const result = {
    when: new Date().toISOString(),
    machine: machine({ load_average_start: round(load[0], 2), load_average_end: round(load[1], 2) }),
    postgres: execFileSync('psql', ['-h', pg.host, '-p', pg.port, '-U', pg.username, '-d', 'postgres', '-qAtc', 'SHOW server_version'], { env: { ...process.env, ...pgEnv }, encoding: 'utf8' }).trim(),
    settings: { clients: CLIENTS, seconds: SECONDS, reps: REPS, tool: 'access_status', protocol: CURRENT },
    rows,
    audit_appends_per_s_64_clients: appends,
    store_calls_total: totalStoreCalls,
    verify: { exit: verify.status, output: verify.stdout.trim() },
  };
  writeFileSync(path.join(here, 'results', 'shared-store.json'), `${JSON.stringify(result, null, 2)}\n`);
  const md = [
    '# Shared store (PostgreSQL) against the embedded default',
    '',
    `${result.when}; ${os.cpus().length} CPUs; load average ${result.machine.load_average_start ?? load[0]} at the start, ${round(load[1], 2)} at the end; PostgreSQL ${result.postgres} on loopback, same machine.`,
    `wrk, ${SECONDS} s × ${REPS} interleaved runs per row (median), a ${CURRENT} client without session calling access_status (one audit entry per call; with the store also one rate-limit token from the store).`,
    '',
    '| clients | embedded calls/s | store calls/s | ratio | embedded p99 ms | store p99 ms | p99 ratio | server CPU ms/call (embedded → store) |',
    '|---|---|---|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.clients} | ${r.embedded.calls_per_s} | ${r.store.calls_per_s} | ${r.throughput_ratio}× | ${r.embedded.p99_ms} | ${r.store.p99_ms} | ${r.p99_ratio}× | ${r.embedded.server_cpu_ms_per_call} → ${r.store.server_cpu_ms_per_call} |`),
    '',
    `Audit appends per second with the store under 64 concurrent clients: **${appends}** (every call appends one entry to the tenant's chain in one transaction).`,
    `Afterwards \`bastion audit verify --store\`: exit ${verify.status}, "${verify.stdout.trim()}" (wrk counted ${totalStoreCalls} answers, warm-up included; the calls in flight when each wrk run stops are served and recorded but not counted, up to one per client per run).`,
    `Bastion binary: ${bastionBin}.`,
    '',
  ].join('\n');
  writeFileSync(path.join(here, 'results', 'shared-store.md'), md);
  console.log(md);
  if (verify.status !== 0) process.exitCode = 1;
} finally {
  for (const s of servers) s.child.kill('SIGTERM');
  await sleep(500);
  try { psql(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`); } catch { /* already gone */ }
  rmSync(work, { recursive: true, force: true });
}
