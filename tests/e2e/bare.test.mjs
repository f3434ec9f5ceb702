// End-to-end: bare `bastion` (no verb), launched the way a client launches its peers (`uvx alpacon-mcp`), driven over
// stdio by the official TypeScript MCP client, with its options from BASTION_* variables in the client's env.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const bastion = process.env.BASTION_BIN ?? path.join(root, 'src', 'Bastion', 'bin', 'Debug', 'net10.0', 'bastion');
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'bastion-e2e-bare-'));

after(() => rmSync(dataDir, { recursive: true, force: true }));

async function connect(env) {
  const transport = new StdioClientTransport({ command: bastion, args: [], env: { ...process.env, BASTION_DATA_DIR: dataDir, ...env }, stderr: 'pipe' });
  const client = new Client({ name: 'bastion-e2e-bare', version: '1.0.0' });
  await client.connect(transport);
  return client;
}

test('bare bastion serves MCP over stdio: tools listed and called', async () => {
  const client = await connect({});
  try {
    assert.equal(client.getServerVersion().name, 'bastion');
    const names = (await client.listTools()).tools.map((t) => t.name);
    assert.ok(names.includes('metrics_sample'));
    assert.ok(!names.includes('files_upload'), 'read-only by default');
    const result = await client.callTool({ name: 'metrics_sample', arguments: {} });
    assert.notEqual(result.isError, true, JSON.stringify(result.content));
    assert.ok(result.structuredContent, 'structured result checked by the client against the output schema');
  } finally {
    await client.close();
  }
});

test('bare bastion takes its options from BASTION_* in the client env', async () => {
  const client = await connect({ BASTION_MODE: 'operator', BASTION_TOOLSETS: '-logs' });
  try {
    const names = (await client.listTools()).tools.map((t) => t.name);
    assert.ok(names.includes('files_upload'), 'BASTION_MODE=operator');
    assert.ok(!names.includes('logs_tail'), 'BASTION_TOOLSETS=-logs');
  } finally {
    await client.close();
  }
});
