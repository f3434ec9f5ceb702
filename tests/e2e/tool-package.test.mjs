// End-to-end: the .NET tool package — what `dotnet tool install -g BastionMcp` and `dnx BastionMcp` get — still works
// now that the shipped build is Native AOT. The package stays framework-dependent: it is packed from the Debug build the
// first end-to-end stage tests (`dotnet pack --no-build`), installed into a throwaway tool path from that folder alone
// (a nuget.config with no other source, so nothing is fetched), and its `bastion` is run. Skipped when BASTION_BIN
// names another build (the Native AOT stage of scripts/test), which has no Debug build to pack.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const debugBin = path.join(root, 'src', 'Bastion', 'bin', 'Debug', 'net10.0', 'bastion');
const skip = process.env.BASTION_BIN && path.resolve(process.env.BASTION_BIN) !== debugBin
  ? 'BASTION_BIN is not the Debug build; the tool package is packed from that build'
  : false;
const work = mkdtempSync(path.join(os.tmpdir(), 'bastion-e2e-pack-'));

after(() => rmSync(work, { recursive: true, force: true }));

test('the tool package packs, installs from a local folder and runs bastion --version', { skip, timeout: 600_000 }, async () => {
  const version = readFileSync(path.join(root, 'Directory.Build.props'), 'utf8').match(/<Version>([^<]+)<\/Version>/)[1];
  const packages = path.join(work, 'packages');
  const tools = path.join(work, 'tools');
  const env = { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1', DOTNET_NOLOGO: '1' };

  await run('dotnet', ['pack', path.join(root, 'src', 'Bastion'), '-c', 'Debug', '--no-build', '-o', packages, '-v', 'quiet'], { env });
  assert.deepEqual(readdirSync(packages).filter((f) => f.endsWith('.nupkg')), [`BastionMcp.${version}.nupkg`]);

  const config = path.join(work, 'nuget.config');
  writeFileSync(config, `<?xml version="1.0" encoding="utf-8"?>
<configuration><packageSources><clear /><add key="local" value="${packages}" /></packageSources></configuration>
`);
  await run('dotnet', ['tool', 'install', 'BastionMcp', '--version', version, '--tool-path', tools, '--configfile', config], { env, cwd: work });

  const { stdout } = await run(path.join(tools, 'bastion'), ['--version'], { env: { ...env, BASTION_DATA_DIR: path.join(work, 'data') } });
  assert.equal(stdout.trim().split('+')[0], version);
});
