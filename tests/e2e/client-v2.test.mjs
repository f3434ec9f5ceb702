// End-to-end with the current client: the built `bastion serve` over stdio, driven by the official TypeScript SDK v2
// client (`@modelcontextprotocol/client` 2.4.0), once in `auto` mode (it probes server/discover and must choose
// 2026-07-28) and once pinned to 2026-07-28. Tools are listed and called, progress arrives, and a command that needs a
// person's yes is asked through an input-required result (answered by the same elicitation handler as in 2025):
// declined, nothing runs; accepted, it runs once. Hosts: the local machine, and 'down1' (127.0.0.1, port 1, where
// nothing listens), which fails at once, so that a progress notification is sent while the call still runs.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { text } from './helpers.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const bastion = process.env.BASTION_BIN ?? path.join(root, 'src', 'Bastion', 'bin', 'Debug', 'net10.0', 'bastion');

for (const [label, mode] of [['auto', 'auto'], ['pinned to 2026-07-28', { pin: '2026-07-28' }]]) {
  describe(`client v2 over stdio, ${label}`, () => {
    const work = mkdtempSync(path.join(os.tmpdir(), 'bastion-e2e-v2-'));
    const marker = path.join(os.tmpdir(), `bastion-e2e-v2-${process.pid}-${typeof mode === 'string' ? mode : 'pin'}`);
    const policy = path.join(work, 'policy.yaml');
    const asked = [];
    let answer = 'decline';
    let client;
    let stderr = '';

    before(async () => {
      writeFileSync(policy, `rules:\n  - allow: ["touch ${marker}"]\n`);
      execFileSync(bastion, ['hosts', 'add', 'down1', '--address', '127.0.0.1', '--port', '1', '--no-test', '--ssh-config', '/dev/null', '--data-dir', path.join(work, 'data')],
        { stdio: ['ignore', 'pipe', 'pipe'] });
      client = new Client({ name: 'bastion-e2e-v2', version: '1.0.0' },
        { capabilities: { elicitation: {} }, versionNegotiation: { mode } });
      client.setRequestHandler('elicitation/create', async (request) => {
        asked.push(request.params.message);
        return answer === 'approve' ? { action: 'accept', content: { approve: true } } : { action: 'decline' };
      });
      const transport = new StdioClientTransport({
        command: bastion,
        args: ['serve', '--data-dir', path.join(work, 'data'), '--ssh-config', '/dev/null', '--mode', 'operator', '--policy', policy],
        stderr: 'pipe',
      });
      transport.stderr?.on('data', (chunk) => { stderr += chunk; });
      await client.connect(transport);
    });

    after(async () => {
      await client?.close();
      rmSync(marker, { force: true });
      rmSync(work, { recursive: true, force: true });
    });

    test('speaks 2026-07-28 and lists the tools', async () => {
      assert.equal(client.getNegotiatedProtocolVersion(), '2026-07-28', stderr);
      const tools = (await client.listTools()).tools.map((t) => t.name);
      for (const name of ['hosts_list', 'metrics_sample', 'commands_run', 'files_upload']) assert.ok(tools.includes(name), `${name} missing from ${tools}`);
    });

    test('a tool call answers with structured content checked against its output schema, with progress', async () => {
      let progress = 0;
      const result = await client.callTool({ name: 'metrics_sample', arguments: { target: 'local,down1', seconds: 0.2 } }, { onprogress: () => { progress += 1; } });
      assert.notEqual(result.isError, true, text(result));
      const hosts = Object.fromEntries(result.structuredContent.hosts.map((h) => [h.host, h]));
      assert.equal(hosts.local.result.cpu.cpu_count, os.cpus().length);
      assert.equal(hosts.down1.status, 'unreachable');
      assert.ok(progress >= 1, 'no progress notification arrived');
      const list = await client.callTool({ name: 'hosts_list', arguments: {} });
      assert.notEqual(list.isError, true, text(list));
      assert.match(JSON.stringify(list.structuredContent), /"down1"/);
    });

    test('a confirmation declined runs nothing', async () => {
      answer = 'decline';
      const declined = await client.callTool({ name: 'commands_run', arguments: { command: `touch ${marker}` } });
      assert.equal(declined.isError, true);
      assert.equal(text(declined), 'The user declined; nothing ran.');
      assert.equal(existsSync(marker), false);
      assert.match(asked.at(-1), new RegExp(`^Bastion is about to run \`touch ${marker}\` in the user's home directory \\(no cwd given\\) on local \\(1 host\\)`));
    });

    test('a confirmation accepted runs the command once', async () => {
      answer = 'approve';
      const before = asked.length;
      const ran = await client.callTool({ name: 'commands_run', arguments: { command: `touch ${marker}` } });
      assert.notEqual(ran.isError, true, text(ran));
      assert.equal(existsSync(marker), true);
      assert.equal(asked.length, before + 1, 'asked exactly once');
      // The question went out as an input-required result with a sealed request state, not inside a session.
      const audit = path.join(work, 'data', 'audit');
      const entries = readdirSync(audit).filter((f) => f.endsWith('.jsonl'))
        .flatMap((f) => readFileSync(path.join(audit, f), 'utf8').trim().split('\n').map((line) => JSON.parse(line)));
      assert.ok(entries.some((e) => e.decision === 'confirmation_required' && /^asked through an input-required result/.test(e.reason ?? '')),
        JSON.stringify(entries.map((e) => [e.phase, e.decision, e.reason])));
      assert.ok(entries.some((e) => e.phase === 'outcome' && e.decision === 'confirmed'));
    });
  });
}
