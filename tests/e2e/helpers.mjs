// Small helpers the end-to-end suites share (not a test file: node --test runs only *.test.mjs here).
import { spawn } from 'node:child_process';
import net from 'node:net';

/** A TCP port free on 127.0.0.1 now: the kernel picks it for a probe that closes at once. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/** The text blocks of a tool result, joined with newlines ('' for blocks without text). */
export const text = (result) => (result.content ?? []).map((c) => c.text ?? '').join('\n');

/**
 * Starts `bastion serve --http` on a free 127.0.0.1 port with `args` after the listen address, and resolves once it
 * says it listens: `{ base, url, proc, stderr, exited }` (`stderr` keeps growing; `exited` resolves to `{ code, signal }`).
 * Rejects with the server's stderr when it exits first or says nothing within `timeoutMs`.
 */
export async function startHttpServer(bastion, args, timeoutMs = 30_000) {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const proc = spawn(bastion, ['serve', '--http', base, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  const server = { base, url: `${base}/mcp`, proc, stderr: '' };
  server.exited = new Promise((resolve) => proc.on('exit', (code, signal) => resolve({ code, signal })));
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no "Bastion MCP endpoint" line in ${timeoutMs / 1000} s; stderr:\n${server.stderr}`)), timeoutMs);
    proc.stderr.setEncoding('utf8');
    proc.stderr.on('data', (chunk) => {
      server.stderr += chunk;
      if (server.stderr.includes('Bastion MCP endpoint:')) { clearTimeout(timer); resolve(); }
    });
    server.exited.then(({ code, signal }) => { clearTimeout(timer); reject(new Error(`bastion exited (${code ?? signal}); stderr:\n${server.stderr}`)); });
  });
  return server;
}

/** Stops a server from startHttpServer (SIGTERM, SIGKILL after 10 s); resolves to how it exited, or null if it already had. */
export async function stopHttpServer(server) {
  if (!server || server.proc.exitCode !== null || server.proc.signalCode !== null) return null;
  server.proc.kill('SIGTERM');
  const killer = setTimeout(() => server.proc.kill('SIGKILL'), 10_000);
  const exit = await server.exited;
  clearTimeout(killer);
  return exit;
}
