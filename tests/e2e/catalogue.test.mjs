// End-to-end: the catalogue of the binary under test (BASTION_BIN: the Debug build, or the Native AOT one that
// scripts/test publishes) is the committed one. `bastion tools --markdown` renders every tool (opt-in ones too) with
// its parameters and result fields from the live tools/list; docs/tools.md is that page as the JIT build renders it
// (tests/Bastion.Tests ToolReferenceTests). A native build that lost a tool, a schema or a description differs here.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const bastion = process.env.BASTION_BIN ?? path.join(root, 'src', 'Bastion', 'bin', 'Debug', 'net10.0', 'bastion');
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'bastion-e2e-catalogue-'));

after(() => rmSync(dataDir, { recursive: true, force: true }));

test('the binary lists the committed catalogue: every tool, schema and description of docs/tools.md', async () => {
  const { stdout } = await promisify(execFile)(bastion, ['tools', '--markdown'], {
    env: { ...process.env, BASTION_DATA_DIR: dataDir },
    maxBuffer: 64 * 1024 * 1024,
  });
  const committed = readFileSync(path.join(root, 'docs', 'tools.md'), 'utf8');
  assert.equal(stdout, committed);
});
