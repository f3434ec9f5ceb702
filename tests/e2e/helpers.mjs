// Small helpers the end-to-end suites share (not a test file: node --test runs only *.test.mjs here).
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
