// Cold start over stdio: process start → initialize answer, and → first tools/list answer (what a client needs before
// it can offer a single tool), Bastion vs the reference server, interleaved (A B A B …), one warm-up round discarded.
// Also the server's CPU time up to its initialize answer, its idle RSS (after initialize + tools/list and a pause) and
// its peak RSS. "Cold" is a new process with the files in the page cache, as on every launch after the first.
//
// STARTUP_VARIANTS='{"name":{"bin":"/path/to/bastion","env":{"K":"V"}}}' adds Bastion builds or runtime settings to
// the same interleaved run (how bench/README.md's before/after table was measured).
import { setTimeout as sleep } from 'node:timers/promises';
import { cpuMs, median, memoryMiB, quantile, ratio, round, since } from './lib/stats.mjs';
import { StdioServer, initializeRequest } from './lib/stdio.mjs';
import { emptyDataDir, stdioServers } from './lib/servers.mjs';

const REPS = Number(process.env.STARTUP_REPS ?? process.env.REPS_STARTUP ?? 20);
const SETTLE_MS = Number(process.env.STARTUP_SETTLE_MS ?? 750);

async function once({ command, args, env }) {
  const server = new StdioServer(command, args, { env });
  try {
    // A client writes initialize as soon as it has started the process; the pipe holds it until the server reads.
    const init = server.request('initialize', initializeRequest().params);
    const { at: initAt } = await init;
    const initMs = Number(initAt - server.started) / 1e6;
    const cpuInitMs = cpuMs(server.pid);
    server.notify('notifications/initialized');
    const list = await server.request('tools/list');
    const listMs = Number(list.at - server.started) / 1e6;
    await sleep(SETTLE_MS);
    const { rss, peak } = memoryMiB(server.pid);
    return { initMs, cpuInitMs, listMs, rss, peak, tools: list.result.tools.length, listBytes: list.bytes };
  } finally {
    await server.kill();
  }
}

/** Runs the benchmark; returns { rows, notes }. */
export async function run() {
  const dataDir = emptyDataDir();
  const servers = stdioServers(dataDir);
  const subjects = {
    bastion: { ...servers.bastion, role: 'bastion' },
    reference: { ...servers.reference, role: 'reference' },
  };
  for (const [name, v] of Object.entries(JSON.parse(process.env.STARTUP_VARIANTS ?? '{}'))) {
    subjects[name] = { label: name, command: v.bin ?? servers.bastion.command, args: servers.bastion.args, env: v.env, role: 'variant' };
  }

  const samples = Object.fromEntries(Object.keys(subjects).map((k) => [k, []]));
  for (let rep = 0; rep <= REPS; rep++) {
    for (const [name, subject] of Object.entries(subjects)) {
      const sample = await once(subject);
      if (rep > 0) samples[name].push(sample); // rep 0 warms the page cache and is discarded
    }
  }

  const summarise = (name) => {
    const xs = samples[name];
    const pick = (k) => xs.map((x) => x[k]);
    return {
      server: subjects[name].label,
      role: subjects[name].role,
      runs: xs.length,
      init_median_ms: round(median(pick('initMs'))),
      init_p99_ms: round(quantile(pick('initMs'), 0.99)),
      cpu_to_init_median_ms: round(median(pick('cpuInitMs'))),
      first_tools_list_median_ms: round(median(pick('listMs'))),
      first_tools_list_p99_ms: round(quantile(pick('listMs'), 0.99)),
      idle_rss_median_mib: round(median(pick('rss'))),
      peak_rss_median_mib: round(median(pick('peak'))),
      tools: xs[0]?.tools,
    };
  };
  const rows = Object.keys(subjects).map(summarise);
  const ref = rows.find((r) => r.role === 'reference');
  for (const row of rows) {
    row.init_ratio = ratio(row.init_median_ms, ref.init_median_ms);
    row.cpu_to_init_ratio = ratio(row.cpu_to_init_median_ms, ref.cpu_to_init_median_ms);
    row.first_tools_list_ratio = ratio(row.first_tools_list_median_ms, ref.first_tools_list_median_ms);
    row.idle_rss_ratio = ratio(row.idle_rss_median_mib, ref.idle_rss_median_mib);
  }
  return {
    rows,
    notes: [
      `${REPS} interleaved runs per server after one discarded round; times from spawn to the answer's arrival.`,
      'CPU to initialize: user+system time of all the server\'s threads (/proc/PID/task/*/schedstat) when the answer arrived.',
      `Idle RSS: VmRSS ${SETTLE_MS} ms after the first tools/list answer; peak RSS: VmHWM at that moment.`,
    ],
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const started = process.hrtime.bigint();
  console.log(JSON.stringify(await run(), null, 2));
  console.error(`startup: ${(since(started) / 1000).toFixed(0)} s`);
}
