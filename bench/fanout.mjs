// Fan-out benchmark: `uptime` on 10 and on 20 loopback sshd hosts, cold (no SSH connection open) and warm (connections
// reused), Bastion side by side with parallel-ssh and Ansible ad hoc, interleaved (A B C D A B C D …), warm-up
// discarded. Writes results/fanout.json and results/fanout.md. Run through bench/run, which builds and installs.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { closeMasters, controlDirectory, loopbackFleet } from '../tests/fleet/fleet.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const bastion = process.env.BASTION_BIN ?? path.join(here, '.build', 'bastion', 'bastion');
const REPS = Number(process.env.REPS ?? 7);
const SIZES = [10, 20];
const work = mkdtempSync(path.join(os.tmpdir(), 'bastion-bench-'));
const fleet = loopbackFleet(path.join(work, 'fleet'), 150);
const dataDir = path.join(work, 'data');
const name = (i) => `h${String(i).padStart(2, '0')}`;
const address = fleet.address;
const key = fleet.keyFile;
const control = { pssh: path.join(work, 'cm-pssh'), ansible: path.join(work, 'cm-ansible') };
const bastionControl = controlDirectory(dataDir);

function run(cmd, args, env = process.env) {
  const started = process.hrtime.bigint();
  const result = spawnSync(cmd, args, { env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) {
    throw new Error(`${cmd} ${args.join(' ')} exited ${result.status}: ${result.stderr}${result.stdout}`.slice(0, 2000));
  }
  return { ms, stdout: result.stdout };
}

function setup() {
  fleet.run('start', Math.max(...SIZES));
  mkdirSync(control.pssh, { mode: 0o700 });
  mkdirSync(control.ansible, { mode: 0o700 });
  // One inventory for Ansible and for Bastion's import: groups n10 (hosts 1-10) and n20 (hosts 1-20).
  const hostLine = (i) => `${name(i)} ansible_host=${address(i)} ansible_user=fleet1 ansible_ssh_private_key_file=${key}`;
  const ini = SIZES.map((n) => `[n${n}]\n${Array.from({ length: n }, (_, k) => hostLine(k + 1)).join('\n')}\n`).join('\n')
    + '\n[all:vars]\nansible_python_interpreter=/usr/bin/python3\n';
  writeFileSync(path.join(work, 'inventory.ini'), ini);
  run(bastion, ['hosts', 'import', '--ansible', path.join(work, 'inventory.ini'), '--data-dir', dataDir]);
  run(bastion, ['hosts', 'test', 'all', '--data-dir', dataDir, '--ssh-config', '/dev/null']);
  // The peers trust the keys Bastion recorded, and multiplex the same way Bastion does.
  const knownHosts = path.join(dataDir, 'known_hosts');
  const sshConfig = Array.from({ length: Math.max(...SIZES) }, (_, k) => k + 1).map((i) =>
    `Host ${name(i)}\n  HostName ${address(i)}\n  User fleet1\n  IdentityFile ${key}\n  IdentitiesOnly yes\n`).join('')
    + `Host *\n  BatchMode yes\n  StrictHostKeyChecking yes\n  UserKnownHostsFile ${knownHosts}\n  GlobalKnownHostsFile /dev/null\n  LogLevel ERROR\n`;
  writeFileSync(path.join(work, 'ssh_config'), sshConfig);
  for (const n of SIZES) {
    writeFileSync(path.join(work, `hosts${n}.txt`), Array.from({ length: n }, (_, k) => name(k + 1)).join('\n') + '\n');
  }
}

const sshConfig = () => path.join(work, 'ssh_config');
const multiplex = (dir) => `-o ControlMaster=auto -o ControlPath=${dir}/%C -o ControlPersist=60`;

const tools = {
  'bastion call': {
    masters: () => bastionControl,
    run: (n) => {
      const { ms, stdout } = run(bastion, ['call', 'commands_run', `target=@n${n}`, 'command=uptime', '--data-dir', dataDir, '--ssh-config', '/dev/null']);
      const summary = JSON.parse(stdout).summary;
      if (summary.ok !== n) throw new Error(`bastion call: ${JSON.stringify(summary)}`);
      return ms;
    },
  },
  'bastion serve': {
    masters: () => bastionControl,
    run: async (n) => {
      const started = process.hrtime.bigint();
      const result = await serveClient.callTool({ name: 'commands_run', arguments: { target: `@n${n}`, command: 'uptime' } });
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (result.structuredContent?.summary?.ok !== n) throw new Error(`bastion serve: ${JSON.stringify(result.content)}`);
      return ms;
    },
  },
  'parallel-ssh': {
    masters: () => control.pssh,
    run: (n) => run('parallel-ssh', ['-h', path.join(work, `hosts${n}.txt`), '-p', String(n), '-t', '60',
      '-x', `-F ${sshConfig()} ${multiplex(control.pssh)}`, '-i', 'uptime']).ms,
  },
  'ansible': {
    masters: () => control.ansible,
    run: (n) => run('ansible', [`n${n}`, '-i', path.join(work, 'inventory.ini'), '-m', 'command', '-a', 'uptime', '-f', String(n), '-o'], {
      ...process.env,
      ANSIBLE_SSH_ARGS: `-F ${sshConfig()} ${multiplex(control.ansible)}`,
      ANSIBLE_HOST_KEY_CHECKING: 'True',
      ANSIBLE_NOCOLOR: '1',
      ANSIBLE_LOCALHOST_WARNING: 'False',
    }).ms,
  },
};

let serveClient;

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const quantile = (xs, q) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]; };

function machine() {
  const cpu = os.cpus();
  const version = (cmd, args) => { try { return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).split('\n')[0].trim(); } catch (e) { return String(e.stderr ?? e).split('\n')[0]; } };
  return {
    cpus: cpu.length,
    cpu_model: cpu[0]?.model,
    memory_bytes: os.totalmem(),
    kernel: os.release(),
    os: readFileSync('/etc/os-release', 'utf8').match(/^PRETTY_NAME="?([^"\n]*)/m)?.[1],
    openssh: spawnSync('ssh', ['-V'], { encoding: 'utf8' }).stderr.trim(),
    parallel_ssh: version('parallel-ssh', ['--version']),
    ansible: version('ansible', ['--version']),
    dotnet: version('dotnet', ['--version']),
    node: process.version,
  };
}

async function main() {
  setup();
  serveClient = new Client({ name: 'bastion-bench', version: '1.0.0' });
  await serveClient.connect(new StdioClientTransport({
    command: bastion,
    args: ['serve', '--data-dir', dataDir, '--ssh-config', '/dev/null'],
  }));

  const samples = {};
  for (const n of SIZES) {
    for (const mode of ['cold', 'warm']) {
      for (let rep = 0; rep <= REPS; rep++) {
        for (const [tool, spec] of Object.entries(tools)) {
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
    return { hosts: Number(hosts), mode, tool, runs: xs.length, median_ms: +median(xs).toFixed(1), p90_ms: +quantile(xs, 0.9).toFixed(1), min_ms: +Math.min(...xs).toFixed(1) };
  });
  for (const row of rows) {
    const peer = (t) => rows.find((r) => r.hosts === row.hosts && r.mode === row.mode && r.tool === t).median_ms;
    row.ratio_to_parallel_ssh = +(row.median_ms / peer('parallel-ssh')).toFixed(2);
    row.ratio_to_ansible = +(row.median_ms / peer('ansible')).toFixed(2);
  }

  const result = { benchmark: 'fanout', date: new Date().toISOString(), repetitions: REPS, machine: machine(), rows };
  mkdirSync(path.join(here, 'results'), { recursive: true });
  writeFileSync(path.join(here, 'results', 'fanout.json'), JSON.stringify(result, null, 2) + '\n');
  const md = [
    '# Fan-out: `uptime` on N loopback sshd hosts',
    '',
    `${result.date}; ${REPS} interleaved runs per cell after one warm-up; ${result.machine.cpus} × ${result.machine.cpu_model}, ${(result.machine.memory_bytes / 2 ** 30).toFixed(1)} GiB, ${result.machine.os}, kernel ${result.machine.kernel}; ${result.machine.openssh}; parallel-ssh ${result.machine.parallel_ssh}; ${result.machine.ansible}.`,
    '',
    'cold: every SSH master connection closed before each run; warm: connections left open by the previous run.',
    '`bastion call` is a process per run (like the peers); `bastion serve` is one call to a running server over MCP (its start-up not counted).',
    '',
    '| hosts | mode | tool | median ms | p90 ms | min ms | ÷ parallel-ssh | ÷ ansible |',
    '|---:|---|---|---:|---:|---:|---:|---:|',
    ...rows.map((r) => `| ${r.hosts} | ${r.mode} | ${r.tool} | ${r.median_ms} | ${r.p90_ms} | ${r.min_ms} | ${r.ratio_to_parallel_ssh} | ${r.ratio_to_ansible} |`),
    '',
  ].join('\n');
  writeFileSync(path.join(here, 'results', 'fanout.md'), md);
  process.stdout.write(md);
}

try {
  await main();
} finally {
  await serveClient?.close();
  for (const dir of [bastionControl, control.pssh, control.ansible]) closeMasters(dir);
  try { fleet.run('stop'); } catch { /* already stopped */ }
  rmSync(bastionControl, { recursive: true, force: true });
  rmSync(work, { recursive: true, force: true });
}
