// Catalogue size: what a model is shown before it calls anything. From the tools/list answer, the model-visible part
// (each tool's name, description and input schema) is measured apart from the output schemas (which clients use to
// validate structured results and do not show the model), in bytes, bytes ÷ 4, and tokens counted by a real tokenizer
// (gpt-tokenizer's o200k_base, the GPT-4o/GPT-5 encoding; Claude's own tokenizer is not published for current models).
// Three Bastion catalogues: default flags (read-only), --mode admin, and --mode admin with all four platforms
// configured (dummy credentials on a closed loopback port: tools/list calls no platform) — beside the reference server.
import { spawnSync } from 'node:child_process';
import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';
import { ratio, round, since } from './lib/stats.mjs';
import { StdioServer } from './lib/stdio.mjs';
import { bastionBin, emptyDataDir, stdioServers } from './lib/servers.mjs';

const BYTES_PER_TOKEN = 4; // the rule of thumb, shown beside the tokenizer's count
const TOKENIZER = 'gpt-tokenizer o200k_base';
const GOALS = { bastion: 4000, 'bastion-platforms-admin': 10000 };

// Every platform configured, none reachable: 127.0.0.1:9 (discard) is closed on the bench machine.
const PLATFORM_VAULT = {
  'alpacon/workspaces': 'bench',
  'alpacon/bench/token': 'bench-token',
  'alpacon/bench/url': 'http://127.0.0.1:9',
  'cloudstack/url': 'http://127.0.0.1:9/client/api',
  'cloudstack/api-key': 'bench-key',
  'cloudstack/secret-key': 'bench-secret',
  'cloudways/url': 'http://127.0.0.1:9',
  'cloudways/email': 'bench@example.com',
  'cloudways/api-key': 'bench-key',
  'webops/url': 'http://127.0.0.1:9',
  'webops/token': 'bench-token',
};

function platformsDataDir() {
  const dir = emptyDataDir('bastion-bench-platforms-');
  for (const [name, value] of Object.entries(PLATFORM_VAULT)) {
    const r = spawnSync(bastionBin, ['vault', 'set', name, '--data-dir', dir], { input: value, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`bastion vault set ${name}: ${r.stderr}`);
  }
  return dir;
}

const bytesOf = (x) => Buffer.byteLength(JSON.stringify(x));

/** Sizes of one tools/list answer: the model-visible part and the output schemas, per tool and in all. */
export function measure(tools) {
  const perTool = tools.map((t) => {
    const visible = JSON.stringify({ name: t.name, description: t.description, inputSchema: t.inputSchema });
    return {
      name: t.name,
      visible_bytes: Buffer.byteLength(visible),
      visible_tokens: countTokens(visible),
      output_bytes: t.outputSchema ? bytesOf(t.outputSchema) : 0,
    };
  });
  const visible = JSON.stringify(tools.map((t) => ({ name: t.name, description: t.description, inputSchema: t.inputSchema })));
  const output = JSON.stringify(tools.map((t) => t.outputSchema ?? null));
  return {
    tools: tools.length,
    visible_bytes: Buffer.byteLength(visible),
    visible_tokens: countTokens(visible),
    output_bytes: Buffer.byteLength(output),
    output_tokens: countTokens(output),
    perTool,
  };
}

async function catalogue(spec, extraArgs = []) {
  const server = new StdioServer(spec.command, [...spec.args, ...extraArgs]);
  try {
    await server.initialize();
    const { result, bytes } = await server.request('tools/list');
    return { bytes, ...measure(result.tools) };
  } finally {
    await server.close();
  }
}

/** Runs the benchmark; returns { rows, notes }. */
export async function run() {
  const specs = stdioServers(emptyDataDir());
  const platforms = stdioServers(platformsDataDir());
  const measured = [
    { server: 'Bastion (default: read-only mode)', role: 'bastion', ...(await catalogue(specs.bastion)) },
    { server: 'Bastion --mode admin', role: 'bastion-admin', ...(await catalogue(specs.bastion, ['--mode', 'admin'])) },
    { server: 'Bastion --mode admin, all four platforms configured', role: 'bastion-platforms-admin', ...(await catalogue(platforms.bastion, ['--mode', 'admin'])) },
    { server: specs.reference.label, role: 'reference', ...(await catalogue(specs.reference)) },
  ];
  const ref = measured.find((r) => r.role === 'reference');
  const rows = measured.map((r) => ({
    server: r.server,
    role: r.role,
    tools: r.tools,
    bytes: r.bytes,
    visible_bytes: r.visible_bytes,
    visible_est_tokens: Math.round(r.visible_bytes / BYTES_PER_TOKEN),
    visible_tokens: r.visible_tokens,
    visible_tokens_per_tool: Math.round(r.visible_tokens / r.tools),
    goal_tokens: GOALS[r.role] ?? null,
    output_bytes: r.output_bytes,
    output_tokens: r.output_tokens,
    visible_ratio: ratio(r.visible_tokens, ref.visible_tokens),
  }));
  const biggest = measured
    .find((r) => r.role === 'bastion-platforms-admin')
    .perTool.sort((a, b) => b.visible_tokens - a.visible_tokens)
    .slice(0, 10)
    .map((t) => `${t.name} ${t.visible_tokens}`);
  return {
    rows,
    notes: [
      `Model-visible: each tool's name, description and inputSchema as JSON; tokens by ${TOKENIZER}, and bytes ÷ ${BYTES_PER_TOKEN} beside it. Output schemas are counted apart: clients validate structured results with them; they are not the model's prompt.`,
      'Goals (issue 18): default ≤ 4k model-visible tokens; all four platforms + --mode admin ≤ 10k.',
      'Platforms configured with dummy credentials pointing at a closed loopback port; tools/list calls no platform.',
      `Largest tools (model-visible tokens), all platforms + admin: ${biggest.join(', ')}.`,
      `bytes: the whole tools/list JSON-RPC line (annotations and output schemas included).`,
      'Before the 2026-12-06 description cuts (same method): 6046 / 7553 / 29565 model-visible tokens for the three Bastion rows; before the lean schemas and the second cuts: 4964 / 6431 / 24211; before the platform tools were merged per resource family (2026-12-07: 93 platform tools became 22), 3915 / 5199 / 20509 with 120 tools.',
      'Lean schemas: an optional parameter is shown as its plain type (absent = not given; an explicit null is still accepted), without bounds that restate the .NET type (int/long MaxValue) or guard lengths (maxLength >= 200); arguments are checked against the full schema.',
    ],
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const started = process.hrtime.bigint();
  console.log(JSON.stringify(await run(), null, 2));
  console.error(`catalogue: ${(since(started) / 1000).toFixed(0)} s`);
}
