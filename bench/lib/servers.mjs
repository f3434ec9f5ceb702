// The servers compared: Bastion (the Native AOT publish bench/run makes) and the reference MCP server,
// @modelcontextprotocol/server-everything on Node, with the cheap tool each one is timed on.
import { createRequire } from 'node:module';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const require = createRequire(import.meta.url);

/** The Bastion executable: $BASTION_BIN, else bench/.build/bastion/bastion (bench/run publishes it there). */
export const bastionBin = process.env.BASTION_BIN ?? path.join(here, '.build', 'bastion', 'bastion');

/** dist/index.js of the installed reference server. */
export const referenceEntry = path.join(path.dirname(require.resolve('@modelcontextprotocol/server-everything/package.json')), 'dist', 'index.js');

/** The reference server's version, from its package.json. */
export const referenceVersion = require('@modelcontextprotocol/server-everything/package.json').version;

/** The TypeScript SDK's version (the reference server's and our client's); its exports map hides its package.json. */
export const sdkVersion = JSON.parse(readFileSync(path.join(here, 'node_modules', '@modelcontextprotocol', 'sdk', 'package.json'), 'utf8')).version;

/** An empty data directory: no inventory (only the local host), no vault, no API key (no auth on loopback). */
export const emptyDataDir = (prefix = 'bastion-bench-data-') => mkdtempSync(path.join(os.tmpdir(), prefix));

/**
 * The two stdio servers, each with its cheap tool: Bastion's access_status (who the caller is and its rate budget; no
 * host I/O, but it goes through Bastion's whole call pipeline, audit entry included) and the reference's echo.
 */
export function stdioServers(dataDir) {
  return {
    bastion: {
      label: 'Bastion',
      command: bastionBin,
      args: ['serve', '--data-dir', dataDir],
      cheapTool: { name: 'access_status', arguments: {} },
    },
    reference: {
      label: `server-everything ${referenceVersion}`,
      command: process.execPath,
      args: [referenceEntry, 'stdio'],
      cheapTool: { name: 'echo', arguments: { message: 'hi' } },
    },
  };
}
