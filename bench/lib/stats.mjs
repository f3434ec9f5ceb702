// Small helpers shared by the benchmarks: statistics, process CPU and memory from /proc, the machine's description.
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';

/** Median of a list of numbers. */
export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** The q-quantile (0..1) by the nearest-rank method: p99 of 200 samples is the 198th smallest. */
export const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
};

/** Rounds to `digits` decimals (a number, for JSON). */
export const round = (x, digits = 1) => (x === null || x === undefined || Number.isNaN(x) ? null : +x.toFixed(digits));

/** Ratio a / b, rounded to two decimals. */
export const ratio = (a, b) => (a === null || b === null || b === 0 ? null : +(a / b).toFixed(2));

/** Milliseconds since `start` (a process.hrtime.bigint()). */
export const since = (start) => Number(process.hrtime.bigint() - start) / 1e6;

/**
 * CPU time (ms) the threads of `pid` have run so far: the sum of /proc/PID/task/TID/schedstat (nanoseconds, every
 * thread alive now, to the nanosecond). Threads that have exited are not counted: right for a process's start; for a
 * window over a server under load, whose thread pool retires threads, take `processCpuMs`.
 */
export function cpuMs(pid) {
  let ns = 0;
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      ns += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
    } catch {
      // the thread ended between readdir and read
    }
  }
  return ns / 1e6;
}

/**
 * CPU time of process `pid` in ms, user + system, from /proc/PID/stat: it keeps the time of threads that have ended
 * (the thread pool retires threads during a run, and a sum over the live threads, as `cpuMs` takes, then goes
 * backwards), in clock ticks of 10 ms — for windows of seconds, as the HTTP benchmarks measure.
 */
export function processCpuMs(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // fields[0] is field 3 (state): utime and stime are fields 14 and 15
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** VmRSS and VmHWM (peak RSS) of `pid`, in MiB. */
export function memoryMiB(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name) => Number(status.match(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm'))?.[1] ?? NaN) / 1024;
  return { rss: field('VmRSS'), peak: field('VmHWM') };
}

/** The first line a command prints (stdout or stderr), or why it failed. */
export function version(cmd, args) {
  try {
    const r = spawnSync(cmd, args, { encoding: 'utf8' });
    return `${r.stdout}${r.stderr}`.split('\n').find((l) => l.trim())?.trim() ?? '';
  } catch (e) {
    return String(e);
  }
}

/** The machine the benchmarks ran on, and the versions of every program compared. */
export function machine(extra = {}) {
  const cpu = os.cpus();
  return {
    cpus: cpu.length,
    cpu_model: cpu[0]?.model,
    memory_bytes: os.totalmem(),
    kernel: os.release(),
    os: readFileSync('/etc/os-release', 'utf8').match(/^PRETTY_NAME="?([^"\n]*)/m)?.[1],
    load_average: os.loadavg().map((x) => +x.toFixed(2)),
    dotnet: version('dotnet', ['--version']),
    dotnet_runtime: (() => {
      try {
        return execFileSync('dotnet', ['--list-runtimes'], { encoding: 'utf8' }).split('\n').filter((l) => l.startsWith('Microsoft.NETCore.App')).pop()?.split(' [')[0];
      } catch {
        return null;
      }
    })(),
    node: process.version,
    openssh: version('ssh', ['-V']),
    parallel_ssh: version('parallel-ssh', ['--version']),
    ansible: version('ansible', ['--version']),
    wrk: version('wrk', ['--version']),
    ...extra,
  };
}
