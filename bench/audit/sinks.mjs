// Counting receivers for the audit shipping benchmark (bench/audit/run.sh with AUDIT_SHIP=1), on 127.0.0.1:
// a syslog listener (RFC 5424 over TCP, RFC 6587 octet counting) and an OTLP/HTTP logs receiver (POST /v1/logs, JSON).
// They count what arrives and keep nothing: syslog messages and bytes on the wire (frames included); OTLP log records
// (occurrences of the "bastion.audit.seq" attribute), requests and body bytes. GET /counts on the OTLP port answers
// {"syslog":{"entries":N,"bytes":N},"otlp":{"entries":N,"requests":N,"bytes":N}} (totals since start).
// Prints {"syslog":PORT,"otlp":PORT} on its first line once both listen; stops on SIGTERM.
import http from 'node:http';
import net from 'node:net';

const counts = { syslog: { entries: 0, bytes: 0 }, otlp: { entries: 0, requests: 0, bytes: 0 } };
const marker = Buffer.from('"bastion.audit.seq"');

const syslog = net.createServer((socket) => {
  // Octet counting: digits, a space, then that many bytes of message; a frame may span chunks.
  let length = 0;
  let remaining = -1; // -1: reading the length
  socket.on('error', () => {});
  socket.on('data', (chunk) => {
    counts.syslog.bytes += chunk.length;
    let i = 0;
    while (i < chunk.length) {
      if (remaining < 0) {
        const c = chunk[i++];
        if (c === 0x20) { remaining = length; length = 0; } else { length = length * 10 + (c - 0x30); }
      } else {
        const take = Math.min(remaining, chunk.length - i);
        i += take;
        remaining -= take;
        if (remaining === 0) { counts.syslog.entries++; remaining = -1; }
      }
    }
  });
});

const otlp = http.createServer((request, response) => {
  if (request.method === 'GET' && request.url === '/counts') {
    response.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(counts));
    return;
  }
  const chunks = [];
  request.on('data', (c) => chunks.push(c));
  request.on('end', () => {
    const body = Buffer.concat(chunks);
    counts.otlp.requests++;
    counts.otlp.bytes += body.length;
    for (let at = body.indexOf(marker); at >= 0; at = body.indexOf(marker, at + marker.length)) counts.otlp.entries++;
    response.writeHead(200, { 'Content-Type': 'application/json' }).end('{}');
  });
});

const listen = (server) => new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server.address().port)));
console.log(JSON.stringify({ syslog: await listen(syslog), otlp: await listen(otlp) }));
process.on('SIGTERM', () => process.exit(0));
