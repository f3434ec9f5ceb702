// The loopback SSH fleet the fan-out and metrics benchmarks share (tests/fleet/fleet.sh, addresses 127.0.0.152 and up),
// with Bastion's inventory (groups n10, n20), and an ssh_config, host lists and an Ansible inventory for the peers, who
// trust the host keys Bastion recorded and multiplex their connections as Bastion does.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { closeMasters, controlDirectory, loopbackFleet } from '../../tests/fleet/fleet.mjs';
import { bastionBin } from './servers.mjs';

/** Runs a command to completion; throws with its output when it fails. Returns { ms, stdout }. */
export function run(cmd, args, env = process.env) {
  const started = process.hrtime.bigint();
  const result = spawnSync(cmd, args, { env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) {
    throw new Error(`${cmd} ${args.join(' ')} exited ${result.status}: ${result.stderr}${result.stdout}`.slice(0, 2000));
  }
  return { ms, stdout: result.stdout };
}

/** Starts max(sizes) hosts and prepares Bastion and the peers; `stop()` closes every connection and the fleet. */
export function startFleet(sizes = [10, 20]) {
  const work = mkdtempSync(path.join(os.tmpdir(), 'bastion-bench-'));
  const fleet = loopbackFleet(path.join(work, 'fleet'), 150);
  const dataDir = path.join(work, 'data');
  const name = (i) => `h${String(i).padStart(2, '0')}`;
  const most = Math.max(...sizes);
  const control = { pssh: path.join(work, 'cm-pssh'), ansible: path.join(work, 'cm-ansible') };
  const bastionControl = controlDirectory(dataDir);

  fleet.run('start', most);
  mkdirSync(control.pssh, { mode: 0o700 });
  mkdirSync(control.ansible, { mode: 0o700 });
  // One inventory for Ansible and for Bastion's import: groups nN (hosts 1..N) for every size.
  const hostLine = (i) => `${name(i)} ansible_host=${fleet.address(i)} ansible_user=fleet1 ansible_ssh_private_key_file=${fleet.keyFile}`;
  const ini = sizes.map((n) => `[n${n}]\n${Array.from({ length: n }, (_, k) => hostLine(k + 1)).join('\n')}\n`).join('\n')
    + '\n[all:vars]\nansible_python_interpreter=/usr/bin/python3\n';
  const inventory = path.join(work, 'inventory.ini');
  writeFileSync(inventory, ini);
  run(bastionBin, ['hosts', 'import', '--ansible', inventory, '--data-dir', dataDir]);
  run(bastionBin, ['hosts', 'test', 'all', '--data-dir', dataDir, '--ssh-config', '/dev/null']);
  // `bastion call` (a process per run) gets a data directory of its own: a data directory has one audit-log writer,
  // and `bastion serve` holds this one while the benchmark runs. Same inventory and host keys; its own SSH masters.
  const callDataDir = path.join(work, 'data-call');
  cpSync(dataDir, callDataDir, { recursive: true, filter: (src) => !src.startsWith(path.join(dataDir, 'audit')) && !src.endsWith('.lock') });
  const callControl = controlDirectory(callDataDir);
  const knownHosts = path.join(dataDir, 'known_hosts');
  const sshConfig = path.join(work, 'ssh_config');
  writeFileSync(sshConfig, Array.from({ length: most }, (_, k) => k + 1).map((i) =>
    `Host ${name(i)}\n  HostName ${fleet.address(i)}\n  User fleet1\n  IdentityFile ${fleet.keyFile}\n  IdentitiesOnly yes\n`).join('')
    + `Host *\n  BatchMode yes\n  StrictHostKeyChecking yes\n  UserKnownHostsFile ${knownHosts}\n  GlobalKnownHostsFile /dev/null\n  LogLevel ERROR\n`);
  const hostsFile = (n) => path.join(work, `hosts${n}.txt`);
  for (const n of sizes) writeFileSync(hostsFile(n), Array.from({ length: n }, (_, k) => name(k + 1)).join('\n') + '\n');

  return {
    sizes,
    work,
    dataDir,
    callDataDir,
    inventory,
    sshConfig,
    hostsFile,
    control,
    bastionControl,
    callControl,
    /** ssh options that make a peer multiplex like Bastion: ControlMaster=auto, ControlPersist=60 under `dir`. */
    multiplex: (dir) => `-o ControlMaster=auto -o ControlPath=${dir}/%C -o ControlPersist=60`,
    stop() {
      for (const dir of [bastionControl, callControl, control.pssh, control.ansible]) closeMasters(dir);
      try { fleet.run('stop'); } catch { /* already stopped */ }
      rmSync(bastionControl, { recursive: true, force: true });
      rmSync(callControl, { recursive: true, force: true });
      rmSync(work, { recursive: true, force: true });
    },
  };
}
