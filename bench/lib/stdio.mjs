// A minimal MCP client over stdio: newline-delimited JSON-RPC written straight to the server's stdin, answers matched by
// id. No SDK in between, so a round trip measures the server and the pipe, the same way for every server compared.
import { spawn } from 'node:child_process';

export const PROTOCOL_VERSION = '2025-06-18';

/** The initialize request every benchmark sends (the same bytes to every server). */
export const initializeRequest = (id = 0) => ({
  jsonrpc: '2.0',
  id,
  method: 'initialize',
  params: { protocolVersion: PROTOCOL_VERSION, capabilities: {}, clientInfo: { name: 'bastion-bench', version: '1.0.0' } },
});

/** A server process spoken to over stdio. `onLine` sees every line (with its arrival time) before it is matched. */
export class StdioServer {
  /** Starts `command args` with `env` added to the environment; stderr is discarded unless `stderr` is 'inherit'. */
  constructor(command, args, { env = {}, stderr = 'ignore' } = {}) {
    this.started = process.hrtime.bigint();
    this.child = spawn(command, args, { stdio: ['pipe', 'pipe', stderr], env: { ...process.env, ...env } });
    this.pid = this.child.pid;
    this.pending = new Map();
    this.nextId = 1;
    this.exited = new Promise((resolve) => this.child.once('exit', (code, signal) => resolve({ code, signal })));
    this.exited.then(({ code, signal }) => {
      for (const { reject } of this.pending.values()) reject(new Error(`${command} exited (${code ?? signal}) before answering`));
      this.pending.clear();
    });
    let buffer = '';
    this.child.stdout.setEncoding('utf8');
    this.child.stdout.on('data', (chunk) => {
      const at = process.hrtime.bigint();
      buffer += chunk;
      let newline;
      while ((newline = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        if (line.trim()) this.#receive(line, at);
      }
    });
    this.child.stdin.on('error', () => { /* the server exited; pending requests are rejected above */ });
  }

  #receive(line, at) {
    let message;
    try {
      message = JSON.parse(line);
    } catch {
      return; // not protocol (a server that logs to stdout)
    }
    if (message.id === undefined || !this.pending.has(message.id)) return; // a notification or a request to the client
    const { resolve, reject } = this.pending.get(message.id);
    this.pending.delete(message.id);
    if (message.error) reject(new Error(`JSON-RPC error ${message.error.code}: ${message.error.message}`));
    else resolve({ result: message.result, bytes: Buffer.byteLength(line), at });
  }

  /** Sends a request; resolves with { result, bytes (of the answer line), at (hrtime of its arrival) }. */
  request(method, params) {
    const id = this.nextId++;
    const answer = new Promise((resolve, reject) => this.pending.set(id, { resolve, reject }));
    this.child.stdin.write(JSON.stringify({ jsonrpc: '2.0', id, method, ...(params ? { params } : {}) }) + '\n');
    return answer;
  }

  /** Sends a notification. */
  notify(method, params) {
    this.child.stdin.write(JSON.stringify({ jsonrpc: '2.0', method, ...(params ? { params } : {}) }) + '\n');
  }

  /** initialize, then notifications/initialized. */
  async initialize() {
    const answer = await this.request('initialize', initializeRequest().params);
    this.notify('notifications/initialized');
    return answer;
  }

  /** Calls a tool and fails on a tool error (isError), which would make a timing meaningless. */
  async callTool(name, args = {}) {
    const answer = await this.request('tools/call', { name, arguments: args });
    if (answer.result?.isError) throw new Error(`${name} failed: ${JSON.stringify(answer.result.content).slice(0, 500)}`);
    return answer;
  }

  /** Ends the process: closes stdin, then SIGKILL after `graceMs`. */
  async close(graceMs = 2000) {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.stdin.end();
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }

  /** SIGKILL now. */
  async kill() {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
    await this.exited;
  }
}
