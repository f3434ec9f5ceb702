// The loopback SSH fleet (fleet.sh) and Bastion's SSH master connections, for the Node end-to-end tests and benchmarks.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const script = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fleet.sh');

/** Hosts of fleet.sh in `dir`, listening on 127.0.0.(base+i+1):22; `run('start', n)`, `run('halt', i)`, `run('stop')`. */
export function loopbackFleet(dir, base) {
  return {
    dir,
    keyFile: path.join(dir, 'id_ed25519'),
    address: (i) => `127.0.0.${base + i + 1}`,
    run: (command, ...args) =>
      execFileSync('bash', [script, command, dir, ...args.map(String)], { env: { ...process.env, FLEET_BASE: String(base) }, stdio: 'pipe' }),
  };
}

/** Where Bastion keeps the SSH master sockets of a data directory (as BastionPaths computes it). */
export function controlDirectory(dataDir) {
  return path.join(os.tmpdir(), `bastion-${os.userInfo().username}-${createHash('sha256').update(dataDir).digest('hex').slice(0, 10)}`);
}

/** Asks every SSH master in `dir` to exit (ssh -O exit), so no connection outlives the test. */
export function closeMasters(dir) {
  for (const socket of existsSync(dir) ? readdirSync(dir) : []) {
    spawnSync('ssh', ['-o', `ControlPath=${path.join(dir, socket)}`, '-O', 'exit', 'x'], { stdio: 'ignore' });
  }
}

/** Closes the masters of Bastion's data directory and removes their folder. */
export function closeBastionMasters(dataDir) {
  const dir = controlDirectory(dataDir);
  closeMasters(dir);
  rmSync(dir, { recursive: true, force: true });
}
