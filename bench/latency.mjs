// Round-trip latency over stdio on a running server: tools/list and one cheap tool call, Bastion vs the reference
// server, interleaved request by request (A B A B …, the order reversed every round), warm-up rounds discarded.
// A diagnostic row runs Bastion with its data directory on tmpfs, where the audit log's fsyncs cost next to nothing.
import { mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { median, quantile, ratio, round, since } from './lib/stats.mjs';
import { StdioServer } from './lib/stdio.mjs';
import { emptyDataDir, stdioServers } from './lib/servers.mjs';

const ROUNDS = Number(process.env.LATENCY_ROUNDS ?? 500);
const WARMUP = Number(process.env.LATENCY_WARMUP ?? 100);

async function timed(server, send) {
  const start = process.hrtime.bigint();
  const { at } = await send(server);
  return Number(at - start) / 1e6;
}

/** Runs the benchmark; returns { rows, notes }. */
export async function run() {
  const specs = stdioServers(emptyDataDir());
  const shm = mkdtempSync(path.join('/dev/shm', 'bastion-bench-'));
  specs['bastion-tmpfs'] = { ...stdioServers(shm).bastion, label: 'Bastion, data dir on tmpfs (diagnostic)' };
  const servers = {};
  try {
    for (const [name, spec] of Object.entries(specs)) {
      servers[name] = new StdioServer(spec.command, spec.args);
      await servers[name].initialize();
    }
    const ops = {
      'tools/list': () => (s) => s.request('tools/list'),
      'cheap tool call': (name) => (s) => s.callTool(specs[name].cheapTool.name, specs[name].cheapTool.arguments),
    };
    const samples = {};
    const names = Object.keys(servers);
    for (let round = 0; round < WARMUP + ROUNDS; round++) {
      const order = round % 2 ? [...names].reverse() : names;
      for (const [op, make] of Object.entries(ops)) {
        for (const name of order) {
          const ms = await timed(servers[name], make(name));
          if (round >= WARMUP) (samples[`${op}|${name}`] ??= []).push(ms);
        }
      }
    }
    const rows = [];
    for (const op of Object.keys(ops)) {
      for (const name of names) {
        const xs = samples[`${op}|${name}`];
        rows.push({
          operation: op,
          server: specs[name].label,
          role: name === 'bastion-tmpfs' ? 'diagnostic' : name,
          tool: op === 'tools/list' ? null : specs[name].cheapTool.name,
          requests: xs.length,
          p50_ms: round(median(xs), 3),
          p99_ms: round(quantile(xs, 0.99), 3),
          mean_ms: round(xs.reduce((a, b) => a + b, 0) / xs.length, 3),
        });
      }
      const ref = rows.find((x) => x.operation === op && x.role === 'reference');
      for (const row of rows.filter((x) => x.operation === op)) {
        row.p50_ratio = ratio(row.p50_ms, ref.p50_ms);
        row.p99_ratio = ratio(row.p99_ms, ref.p99_ms);
      }
    }
    return {
      rows,
      notes: [
        `${ROUNDS} requests per operation and server after ${WARMUP} warm-up rounds, one request in flight, interleaved.`,
        'Bastion\'s cheap tool is access_status: no host I/O, but the whole call pipeline, including its audit entry (appended and fsynced: one write and one fsync per commit, entries arriving together sharing it; the head overwritten in place without fsync).',
        'The reference\'s cheap tool is echo.',
      ],
    };
  } finally {
    await Promise.all(Object.values(servers).map((s) => s.close()));
    rmSync(shm, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const started = process.hrtime.bigint();
  console.log(JSON.stringify(await run(), null, 2));
  console.error(`latency: ${(since(started) / 1000).toFixed(0)} s`);
}
