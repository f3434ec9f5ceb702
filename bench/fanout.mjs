// Fan-out benchmark: `uptime` on 10 and on 20 loopback sshd hosts, cold (no SSH connection open) and warm (connections
// reused), Bastion side by side with parallel-ssh and Ansible ad hoc, interleaved (A B C D A B C D …), warm-up
// discarded. Part of bench/run (bench.mjs); `node fanout.mjs` alone runs it on its own fleet and prints its table.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { closeMasters } from '../tests/fleet/fleet.mjs';
import { run as exec, startFleet } from './lib/fleet.mjs';
import { median, quantile, round, since } from './lib/stats.mjs';
import { bastionBin } from './lib/servers.mjs';

const REPS = Number(process.env.FANOUT_REPS ?? process.env.REPS ?? 7);

function tools(fleet, serveClient) {
  return {
    'bastion call': {
      masters: () => fleet.callControl,
      run: (n) => {
        const { ms, stdout } = exec(bastionBin, ['call', 'commands_run', `target=@n${n}`, 'command=uptime', '--data-dir', fleet.callDataDir, '--ssh-config', '/dev/null']);
        const summary = JSON.parse(stdout).summary;
        if (summary.ok !== n) throw new Error(`bastion call: ${JSON.stringify(summary)}`);
        return ms;
      },
    },
    'bastion serve': {
      masters: () => fleet.bastionControl,
      run: async (n) => {
        const started = process.hrtime.bigint();
        const result = await serveClient.callTool({ name: 'commands_run', arguments: { target: `@n${n}`, command: 'uptime' } });
        const ms = since(started);
        if (result.structuredContent?.summary?.ok !== n) throw new Error(`bastion serve: ${JSON.stringify(result.content)}`);
        return ms;
      },
    },
    'parallel-ssh': {
      masters: () => fleet.control.pssh,
      run: (n) => exec('parallel-ssh', ['-h', fleet.hostsFile(n), '-p', String(n), '-t', '60',
        '-x', `-F ${fleet.sshConfig} ${fleet.multiplex(fleet.control.pssh)}`, '-i', 'uptime']).ms,
    },
    'ansible': {
      masters: () => fleet.control.ansible,
      run: (n) => exec('ansible', [`n${n}`, '-i', fleet.inventory, '-m', 'command', '-a', 'uptime', '-f', String(n), '-o'], {
        ...process.env,
        ANSIBLE_SSH_ARGS: `-F ${fleet.sshConfig} ${fleet.multiplex(fleet.control.ansible)}`,
        ANSIBLE_HOST_KEY_CHECKING: 'True',
        ANSIBLE_NOCOLOR: '1',
        ANSIBLE_LOCALHOST_WARNING: 'False',
      }).ms,
    },
  };
}

/** Runs the benchmark on `fleet` (lib/fleet.mjs); returns { rows, notes }. */
export async function run(fleet) {
  const serveClient = new Client({ name: 'bastion-bench', version: '1.0.0' });
  await serveClient.connect(new StdioClientTransport({ command: bastionBin, args: ['serve', '--data-dir', fleet.dataDir, '--ssh-config', '/dev/null'] }));
  try {
    const all = tools(fleet, serveClient);
    const samples = {};
    for (const n of fleet.sizes) {
      for (const mode of ['cold', 'warm']) {
        for (let rep = 0; rep <= REPS; rep++) {
          for (const [tool, spec] of Object.entries(all)) {
            if (mode === 'cold') closeMasters(spec.masters());
            const ms = await spec.run(n);
            if (rep === 0) continue; // warm-up (for warm runs it also opens the connections)
            (samples[`${n}|${mode}|${tool}`] ??= []).push(ms);
          }
        }
      }
    }
    const rows = Object.entries(samples).map(([k, xs]) => {
      const [hosts, mode, tool] = k.split('|');
      return { hosts: Number(hosts), mode, tool, runs: xs.length, median_ms: round(median(xs)), p90_ms: round(quantile(xs, 0.9)), p99_ms: round(quantile(xs, 0.99)), min_ms: round(Math.min(...xs)) };
    });
    for (const row of rows) {
      const peer = (t) => rows.find((r) => r.hosts === row.hosts && r.mode === row.mode && r.tool === t).median_ms;
      row.ratio_to_parallel_ssh = +(row.median_ms / peer('parallel-ssh')).toFixed(2);
      row.ratio_to_ansible = +(row.median_ms / peer('ansible')).toFixed(2);
    }
    return {
      rows,
      notes: [
        `${REPS} interleaved runs per cell after one warm-up. cold: every SSH master connection closed before each run; warm: connections left open by the previous run.`,
        '`bastion call` is a process per run (like the peers); `bastion serve` is one commands_run call to a running server through the official TypeScript MCP client (its start-up not counted).',
        'parallel-ssh -p N -i uptime and ansible nN -m command -a uptime -f N, both told to multiplex as Bastion does (ControlMaster=auto, ControlPersist=60) and to trust the host keys Bastion recorded.',
      ],
    };
  } finally {
    await serveClient.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const fleet = startFleet([10, 20]);
  try {
    const { rows, notes } = await run(fleet);
    console.log(notes.join('\n'));
    console.table(rows);
  } finally {
    fleet.stop();
  }
}
