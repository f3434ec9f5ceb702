// End-to-end with OAuth over HTTP: one `bastion serve --http --oauth-issuer …` process and a small authorization server
// of the test's own (RFC 8414 metadata, a JSON Web Key Set, a client_credentials token endpoint that issues RS256 JWTs
// bound to the resource the client names, RFC 8707), driven by the official TypeScript SDK v2 client
// (`@modelcontextprotocol/client` 2.4.0) with its ClientCredentialsProvider, pinned to 2026-07-28 and in `auto` mode.
// The client starts with no token: it must follow Bastion's 401 to the protected resource metadata, find the
// authorization server there, get a token for Bastion's resource and retry. Checked: who the token makes the caller
// (access_status), a confirmation through the input-required result, two tenants' isolation by their tokens' tenant
// claim, tokens Bastion must refuse (another audience, another signer, expired), and a key rotation at the
// authorization server. Loopback (127.0.0.1) only; the tenants' hosts are on port 1, where nothing listens.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createSign, generateKeyPairSync, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client, ClientCredentialsProvider, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { freePort, startHttpServer, stopHttpServer, text } from './helpers.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const bastion = process.env.BASTION_BIN ?? path.join(root, 'src', 'Bastion', 'bin', 'Debug', 'net10.0', 'bastion');
const work = mkdtempSync(path.join(os.tmpdir(), 'bastion-e2e-oauth-'));
const dataDir = path.join(work, 'data');
const policy = path.join(work, 'policy.yaml');
const markerOf = (mode) => path.join(os.tmpdir(), `bastion-e2e-oauth-${process.pid}-${mode}`);
const MODES = [['pin', { pin: '2026-07-28' }], ['auto', 'auto']];

/** The OAuth clients the authorization server knows: secret, tenant (the `tenant` claim) and the scopes it may have. */
const CLIENTS = {
  'acme-ci': { secret: 'acme-secret', tenant: 'acme', scopes: ['hosts:read', 'metrics:read', 'commands:run'] },
  'globex-ci': { secret: 'globex-secret', tenant: 'globex', scopes: ['hosts:read'] },
};

const b64url = (value) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

/** An RSA signing key with its key id and public JWK. */
function signingKey() {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = randomUUID();
  return { kid, privateKey, jwk: { ...publicKey.export({ format: 'jwk' }), kid, use: 'sig', alg: 'RS256' } };
}

/** A compact RS256 JWS of `claims`, signed with `key`. */
function sign(key, claims) {
  const input = `${b64url({ alg: 'RS256', typ: 'at+jwt', kid: key.kid })}.${b64url(claims)}`;
  return `${input}.${createSign('RSA-SHA256').update(input).sign(key.privateKey).toString('base64url')}`;
}

/**
 * The test's authorization server: strict where a real one is (client authentication, grant type, scopes the client
 * may have, a resource indicator), recording every token request so tests can see what the client asked for.
 */
async function startAuthorizationServer() {
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  const as = { issuer, key: signingKey(), published: [], tokenRequests: [] };
  as.published = [as.key];
  as.token = (claims) => sign(as.key, {
    iss: issuer, iat: Math.floor(Date.now() / 1000), exp: Math.floor(Date.now() / 1000) + 600, jti: randomUUID(), ...claims,
  });
  const json = (response, status, body) => {
    response.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    response.end(JSON.stringify(body));
  };
  as.server = http.createServer((request, response) => {
    const url = new URL(request.url, issuer);
    if (request.method === 'GET' && url.pathname === '/.well-known/oauth-authorization-server') {
      return json(response, 200, {
        issuer,
        // RFC 8414 requires it; this server offers no interactive grant, so it answers every authorization request 400.
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        jwks_uri: `${issuer}/jwks`,
        grant_types_supported: ['client_credentials'],
        token_endpoint_auth_methods_supported: ['client_secret_basic'],
        response_types_supported: ['code'],
        scopes_supported: ['hosts:read', 'metrics:read', 'commands:run'],
      });
    }
    if (request.method === 'GET' && url.pathname === '/jwks') {
      return json(response, 200, { keys: as.published.map((k) => k.jwk) });
    }
    if (request.method === 'POST' && url.pathname === '/token') {
      let body = '';
      request.setEncoding('utf8');
      request.on('data', (chunk) => { body += chunk; });
      request.on('end', () => {
        const form = new URLSearchParams(body);
        const basic = /^Basic (.+)$/.exec(request.headers.authorization ?? '');
        const [id, secret] = basic ? Buffer.from(basic[1], 'base64').toString().split(':').map(decodeURIComponent) : [];
        as.tokenRequests.push({ client: id, grant: form.get('grant_type'), resource: form.get('resource'), scope: form.get('scope') });
        const client = CLIENTS[id];
        if (!client || client.secret !== secret) return json(response, 401, { error: 'invalid_client' });
        if (form.get('grant_type') !== 'client_credentials') return json(response, 400, { error: 'unsupported_grant_type' });
        const resource = form.get('resource');
        if (!resource) return json(response, 400, { error: 'invalid_target', error_description: 'a resource indicator (RFC 8707) is required' });
        // RFC 6749 §3.3: the server may grant fewer scopes than asked (and says which); none of them is an error.
        const asked = (form.get('scope') ?? client.scopes.join(' ')).split(' ').filter(Boolean);
        const granted = asked.filter((s) => client.scopes.includes(s)).join(' ');
        if (!granted) return json(response, 400, { error: 'invalid_scope' });
        const access = as.token({ sub: id, aud: resource, tenant: client.tenant, scope: granted, client_id: id });
        return json(response, 200, { access_token: access, token_type: 'Bearer', expires_in: 600, scope: granted });
      });
      return undefined;
    }
    return json(response, 404, { error: 'not_found' });
  });
  await new Promise((resolve) => as.server.listen(port, '127.0.0.1', resolve));
  return as;
}

let server;
let as;

before(async () => {
  as = await startAuthorizationServer();
  writeFileSync(policy, `rules:\n${MODES.map(([m]) => `  - allow: ["touch ${markerOf(m)}"]\n`).join('')}`);
  const cli = (...args) => execFileSync(bastion, [...args, '--data-dir', dataDir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  assert.match(cli('hosts', '--tenant', 'acme', 'add', 'acme-web1', '--address', '127.0.0.1', '--port', '1', '--no-test'), /Added acme-web1/);
  assert.match(cli('hosts', '--tenant', 'globex', 'add', 'globex-db1', '--address', '127.0.0.1', '--port', '1', '--no-test'), /Added globex-db1/);

  server = await startHttpServer(bastion, ['--data-dir', dataDir, '--mode', 'operator', '--policy', policy, '--share-local-host',
    '--oauth-issuer', as.issuer]);
});

after(async () => {
  await stopHttpServer(server);
  await new Promise((resolve) => (as ? as.server.close(resolve) : resolve()));
  for (const [m] of MODES) rmSync(markerOf(m), { force: true });
  rmSync(work, { recursive: true, force: true });
});

/** A v2 client that authenticates as the OAuth client `id`, from no token, through Bastion's 401 and discovery. */
async function connect(id, mode, { elicit } = {}) {
  const authProvider = new ClientCredentialsProvider({ clientId: id, clientSecret: CLIENTS[id].secret, expectedIssuer: as.issuer });
  const transport = new StreamableHTTPClientTransport(new URL(server.url), { authProvider });
  const client = new Client({ name: 'bastion-e2e-oauth', version: '1.0.0' },
    { capabilities: elicit ? { elicitation: {} } : {}, versionNegotiation: { mode } });
  if (elicit) client.setRequestHandler('elicitation/create', async (request) => elicit(request.params));
  client.onerror = () => {};
  await client.connect(transport);
  return client;
}

/** A v2 client that sends `token` as it is (no OAuth flow): for tokens Bastion must refuse. */
async function connectWithToken(token, mode) {
  const transport = new StreamableHTTPClientTransport(new URL(server.url), { requestInit: { headers: { Authorization: `Bearer ${token}` } } });
  const client = new Client({ name: 'bastion-e2e-oauth', version: '1.0.0' }, { versionNegotiation: { mode } });
  client.onerror = () => {};
  await client.connect(transport);
  return client;
}

const structured = async (client, name, args = {}) => {
  const result = await client.callTool({ name, arguments: args });
  assert.notEqual(result.isError, true, text(result));
  return result.structuredContent;
};

const refused = (e) => e.code === 401 || e.status === 401 || /401|unauthori[sz]ed/i.test(`${e.message}`);

// First of all: a token naming an unknown key id makes Bastion fetch the keys again at most once a minute, and the
// refusal tests below send such tokens.
test('after the authorization server rotates its signing key, tokens signed with the new key are accepted', async () => {
  const first = await connect('acme-ci', 'auto');
  await first.close();
  const old = as.key;
  as.key = signingKey();
  as.published = [as.key, old];
  const client = await connect('acme-ci', { pin: '2026-07-28' });
  try {
    assert.equal((await structured(client, 'access_status')).principal, 'oauth:acme-ci');
  } finally {
    await client.close();
  }
});

for (const [m, mode] of MODES) {
  describe(`OAuth client credentials, client v2 ${m === 'auto' ? 'in auto mode' : 'pinned to 2026-07-28'}`, () => {
    const marker = markerOf(m);

    test('from no token, the client finds the authorization server through the 401 and is the token\'s subject in its tenant', async () => {
      const before = as.tokenRequests.length;
      const client = await connect('acme-ci', mode);
      try {
        assert.equal(client.getNegotiatedProtocolVersion(), '2026-07-28', server.stderr);
        const asked = as.tokenRequests.slice(before);
        assert.ok(asked.length >= 1, 'the client never asked the authorization server for a token');
        const { scope, ...request } = asked.at(-1);
        assert.deepEqual(request, { client: 'acme-ci', grant: 'client_credentials', resource: server.url },
          'the token was asked for Bastion\'s resource (RFC 8707), as the protected resource metadata names it');
        assert.ok(scope.split(' ').includes('metrics:read'), `asked for ${scope}`);
        const status = await structured(client, 'access_status');
        assert.equal(status.principal, 'oauth:acme-ci');
        assert.equal(status.tenant, 'acme');
        assert.deepEqual([...status.scopes].sort(), CLIENTS['acme-ci'].scopes.sort(), 'the scopes the token grants');
        assert.deepEqual((await structured(client, 'hosts_list')).hosts.map((h) => h.name).sort(), ['acme-web1', 'local']);
      } finally {
        await client.close();
      }
    });

    test('a confirmation through the input-required result: declined runs nothing, accepted runs the command once', async () => {
      let answer = 'decline';
      const asked = [];
      const client = await connect('acme-ci', mode, {
        elicit: (params) => {
          asked.push(params.message);
          return answer === 'accept' ? { action: 'accept', content: { approve: true } } : { action: 'decline' };
        },
      });
      try {
        const call = { name: 'commands_run', arguments: { target: 'local', command: `touch ${marker}` } };
        const declined = await client.callTool(call);
        assert.equal(declined.isError, true, text(declined));
        assert.equal(existsSync(marker), false, 'a declined confirmation ran the command');
        answer = 'accept';
        const accepted = await client.callTool(call);
        assert.notEqual(accepted.isError, true, text(accepted));
        assert.equal(existsSync(marker), true, 'the accepted command did not run');
        assert.equal(asked.length, 2, `asked ${asked.length} times`);
        assert.match(asked[0], /touch .* as oauth:acme-ci/);
      } finally {
        await client.close();
      }
    });

    test('two tenants\' clients at once see only their own tenant\'s hosts', async () => {
      const [acme, globex] = await Promise.all([connect('acme-ci', mode), connect('globex-ci', mode)]);
      try {
        const names = async (client) => (await structured(client, 'hosts_list')).hosts.map((h) => h.name).sort();
        const [acmeHosts, globexHosts] = await Promise.all([names(acme), names(globex)]);
        assert.deepEqual(acmeHosts, ['acme-web1', 'local']);
        assert.deepEqual(globexHosts, ['globex-db1', 'local']);
        assert.equal((await structured(globex, 'access_status')).tenant, 'globex');
        // globex-ci's tokens carry hosts:read only: the tools of other scopes are not listed.
        const tools = (await globex.listTools()).tools.map((t) => t.name);
        assert.ok(tools.includes('hosts_list') && !tools.includes('metrics_sample') && !tools.includes('commands_run'), tools.join(','));
      } finally {
        await Promise.all([acme.close(), globex.close()]);
      }
    });

    test('tokens for another resource, from another signer or expired are refused with 401', async () => {
      const good = { sub: 'acme-ci', tenant: 'acme', scope: 'hosts:read' };
      const now = Math.floor(Date.now() / 1000);
      const forgedKey = signingKey();
      const tokens = {
        audience: as.token({ ...good, aud: 'http://127.0.0.1:1/mcp' }),
        signer: sign(forgedKey, { ...good, iss: as.issuer, aud: server.url, exp: now + 600 }),
        expired: as.token({ ...good, aud: server.url, iat: now - 7200, exp: now - 3600 }),
        tenantless: as.token({ sub: 'acme-ci', scope: 'hosts:read', aud: server.url }),
      };
      for (const [what, token] of Object.entries(tokens)) {
        await assert.rejects(connectWithToken(token, mode), refused, `a token with the wrong ${what} was accepted`);
      }
      const client = await connectWithToken(as.token({ ...good, aud: server.url }), mode);
      await client.close();
    });
  });
}
