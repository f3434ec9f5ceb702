// Cost of one metrics snapshot (metrics_sample) on a running Bastion server, on the local host and on 20 SSH hosts of
// the loopback fleet (connections warm), side by side with the same reads done without Bastion: the /proc files and df
// output metrics_sample collects, read by sh locally and by parallel-ssh on the fleet (raw text, nothing parsed).
//
// The sample window: metrics_sample reads its counters, sleeps `seconds` on the host, reads them again. Both sides
// use the smallest window Bastion accepts (0.1 s) and the same sleep; "excluding window" subtracts 100 ms from wall time
// (the sleep process itself, a fork and exec, stays in). CPU: Bastion's own threads (/proc schedstat, ns) and, apart,
// the processes it started (sh, cat, df, ssh: cutime+cstime, 10 ms ticks); the peers' whole process tree (bash times).
import { readFileSync } from 'node:fs';
import { cpuMs, median, quantile, ratio, round, since } from './lib/stats.mjs';
import { StdioServer } from './lib/stdio.mjs';
import { bastionBin } from './lib/servers.mjs';
import { run as exec } from './lib/fleet.mjs';

const REPS = Number(process.env.METRICS_REPS ?? 15);
const WINDOW_S = 0.1;
const HOSTS = 20;
const TICK_MS = 1000 / 100; // USER_HZ

// What metrics_sample reads (Bastion.Core/Metrics/MetricsCollector.cs), as one script with the window as $1.
const SCRIPT = 'cat /proc/uptime /proc/stat /proc/net/dev; sleep "$1"; cat /proc/uptime /proc/stat /proc/net/dev /proc/loadavg /proc/meminfo; df -P -k; df -P -i; cat /proc/mounts';

/** utime+stime of children waited for (cutime, cstime) of `pid`, in ms. */
function childrenCpuMs(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
  return (Number(fields[13]) + Number(fields[14])) * TICK_MS; // fields 16 and 17 of stat, counted from state (3)
}

/** Runs `command` under bash and returns { ms, cpuMs } with the CPU of its whole process tree (bash `times`). */
function withTimes(command) {
  const { ms, stdout } = exec('bash', ['-c', `${command} >/dev/null; times`]);
  const lines = stdout.trim().split('\n');
  const seconds = (s) => { const m = s.match(/(\d+)m([\d.]+)s/); return Number(m[1]) * 60 + Number(m[2]); };
  const [user, sys] = lines[lines.length - 1].trim().split(/\s+/).map(seconds); // children of the shell
  return { ms, cpuMs: (user + sys) * 1000 };
}

const shellQuote = (s) => `'${s.replace(/'/g, `'\\''`)}'`;

/** Runs the benchmark on `fleet` (lib/fleet.mjs); returns { rows, notes }. */
export async function run(fleet) {
  const server = new StdioServer(bastionBin, ['serve', '--data-dir', fleet.dataDir, '--ssh-config', '/dev/null']);
  try {
    await server.initialize();
    const bastion = async (target) => {
      const cpu0 = cpuMs(server.pid);
      const children0 = childrenCpuMs(server.pid);
      const started = process.hrtime.bigint();
      const { result } = await server.callTool('metrics_sample', { target, seconds: WINDOW_S });
      const ms = since(started);
      const summary = result.structuredContent?.summary;
      if (summary && summary.ok !== (target === 'local' ? 1 : HOSTS)) throw new Error(`metrics_sample ${target}: ${JSON.stringify(summary)}`);
      return { ms, cpuMs: cpuMs(server.pid) - cpu0, childrenCpuMs: childrenCpuMs(server.pid) - children0 };
    };
    const subjects = {
      'local|bastion': () => bastion('local'),
      'local|peer': () => withTimes(`sh -c ${shellQuote(SCRIPT)} sh ${WINDOW_S}`),
      [`${HOSTS} hosts|bastion`]: () => bastion(`@n${HOSTS}`),
      [`${HOSTS} hosts|peer`]: () => withTimes(`parallel-ssh -h ${fleet.hostsFile(HOSTS)} -p ${HOSTS} -t 60 -x ${shellQuote(`-F ${fleet.sshConfig} ${fleet.multiplex(fleet.control.pssh)}`)} -i ${shellQuote(`sh -c '${SCRIPT.replace(/"\$1"/, String(WINDOW_S))}'`)}`),
    };
    const samples = {};
    for (let rep = 0; rep <= REPS; rep++) {
      for (const [key, measure] of Object.entries(subjects)) {
        const sample = await measure();
        if (rep > 0) (samples[key] ??= []).push(sample); // rep 0 opens the SSH connections and warms up
      }
    }
    const rows = Object.entries(samples).map(([key, xs]) => {
      const [where, who] = key.split('|');
      const walls = xs.map((x) => x.ms);
      return {
        target: where,
        tool: who === 'bastion' ? 'Bastion metrics_sample' : where === 'local' ? 'sh (same reads)' : 'parallel-ssh (same reads)',
        role: who,
        runs: xs.length,
        wall_median_ms: round(median(walls)),
        wall_p99_ms: round(quantile(walls, 0.99)),
        wall_excluding_window_median_ms: round(median(walls) - WINDOW_S * 1000),
        cpu_median_ms: round(median(xs.map((x) => x.cpuMs))),
        children_cpu_median_ms: who === 'bastion' ? round(median(xs.map((x) => x.childrenCpuMs))) : null,
      };
    });
    for (const row of rows) {
      const peer = rows.find((r) => r.target === row.target && r.role === 'peer');
      row.excluding_window_ratio = ratio(row.wall_excluding_window_median_ms, peer.wall_excluding_window_median_ms);
    }
    return {
      rows,
      notes: [
        `${REPS} interleaved runs per cell after one warm-up; window ${WINDOW_S} s (metrics_sample's smallest), subtracted in "excluding window".`,
        'Bastion: one metrics_sample call to a running `bastion serve` over stdio (SSH connections warm). Peer: the same reads with no parsing — sh locally, parallel-ssh -p 20 on the fleet (multiplexed like Bastion).',
        'CPU for Bastion: its own threads (parsing, JSON, audit); "children" is what its sh/cat/df/ssh processes used (10 ms ticks). CPU for the peer: its whole process tree.',
      ],
    };
  } finally {
    await server.close();
  }
}
