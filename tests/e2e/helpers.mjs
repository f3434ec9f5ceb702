// Small helpers the end-to-end suites share (not a test file: node --test runs only *.test.mjs here).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';

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
 * Rejects with the server's stderr when it exits first or says nothing within `timeoutMs`. `env` is added to this
 * process's environment for the server (e.g. PGPASSWORD for a shared store).
 */
export async function startHttpServer(bastion, args, timeoutMs = 30_000, env = {}) {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const proc = spawn(bastion, ['serve', '--http', base, ...args], { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...env } });
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

/** The nginx binary of this machine (Debian's /usr/sbin/nginx or one on PATH), or null. */
export function nginxBinary() {
  const candidates = ['/usr/sbin/nginx', ...(process.env.PATH ?? '').split(':').map((d) => `${d}/nginx`)];
  return candidates.find((c) => existsSync(c)) ?? null;
}

/**
 * Starts an nginx of its own (never the system service) in `dir`: round-robin on a free 127.0.0.1 port in front of
 * `upstreams` (`host:port` strings), streaming answers unbuffered (SSE), with an access log of one JSON object per
 * request: `{ upstream, status, method, body }`. Resolves to `{ base, url, accessLog, stop() }` once the port answers.
 * With `affinity`, the configuration of docs/deploy/shared-store.md for 2025 sessions: requests of the 2026-07-28
 * revision (MCP-Protocol-Version header) spread over the instances, every other request (initialize, and everything of
 * a 2025 session) sticks to one instance per client (its Authorization header and address).
 */
export async function startNginx(nginx, dir, upstreams, { affinity = false } = {}) {
  const port = await freePort();
  mkdirSync(path.join(dir, 'temp'), { recursive: true });
  const accessLog = path.join(dir, 'access.log');
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  writeFileSync(path.join(dir, 'nginx.conf'), `${root ? 'user root;\n' : ''}daemon off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 1024; }
http {
  client_body_temp_path ${dir}/temp/body;
  proxy_temp_path ${dir}/temp/proxy;
  fastcgi_temp_path ${dir}/temp/fastcgi;
  uwsgi_temp_path ${dir}/temp/uwsgi;
  scgi_temp_path ${dir}/temp/scgi;
${affinity ? `  map $http_mcp_protocol_version $bastion_affinity {
    "2026-07-28" $request_id;
    default      "$http_authorization$remote_addr";
  }
` : ''}  log_format calls escape=json '{"upstream":"$upstream_addr","status":"$status","method":"$request_method","body":"$request_body"}';
  upstream bastion {
${affinity ? '    hash $bastion_affinity consistent;\n' : ''}${upstreams.map((u) => `    server ${u} max_fails=1 fail_timeout=10s;`).join('\n')}
  }
  server {
    listen 127.0.0.1:${port};
    access_log ${accessLog} calls;
    client_body_buffer_size 1m;
    location / {
      proxy_pass http://bastion;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_buffering off;
      proxy_read_timeout 300s;
    }
  }
}
`);
  const proc = spawn(nginx, ['-c', path.join(dir, 'nginx.conf'), '-p', dir, '-e', path.join(dir, 'error.log')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  proc.stderr.setEncoding('utf8');
  proc.stderr.on('data', (chunk) => { stderr += chunk; });
  const exited = new Promise((resolve) => proc.on('exit', (code, signal) => resolve({ code, signal })));
  for (let i = 0; ; i++) {
    if (proc.exitCode !== null) throw new Error(`nginx exited (${proc.exitCode}): ${stderr}${readText(path.join(dir, 'error.log'))}`);
    if (await portAnswers(port)) break;
    if (i > 200) throw new Error(`nginx did not listen on ${port} in 10 s: ${stderr}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const base = `http://127.0.0.1:${port}`;
  return {
    base,
    url: `${base}/mcp`,
    accessLog,
    /** The access log's entries so far, in order. */
    requests: () => readText(accessLog).split('\n').filter(Boolean).map((line) => JSON.parse(line)),
    stop: async () => {
      if (proc.exitCode === null && proc.signalCode === null) { proc.kill('SIGTERM'); await exited; }
    },
  };
}

const readText = (file) => (existsSync(file) ? readFileSync(file, 'utf8') : '');

function portAnswers(port) {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => { socket.destroy(); resolve(true); });
    socket.once('error', () => resolve(false));
  });
}
