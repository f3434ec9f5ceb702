// Catalogue size: what a model is shown before it calls anything. Bytes of the tools/list answer (the JSON-RPC line as
// the server wrote it) and an estimate of its tokens, Bastion (default flags, and every toolset with --mode admin) vs
// the reference server; and what the seed servers' catalogues would weigh at the same bytes per tool (an estimate:
// their tool counts times an average, not a measurement of those servers).
import { ratio, round, since } from './lib/stats.mjs';
import { StdioServer } from './lib/stdio.mjs';
import { emptyDataDir, stdioServers } from './lib/servers.mjs';

const BYTES_PER_TOKEN = 4; // a common rule of thumb for English and JSON; real tokenisers differ by tens of percent
const SEEDS = [
  { name: 'Alpacon seed MCP server', tools: 60 },
  { name: 'WebOps seed MCP server', tools: 7 },
];

async function catalogue(spec, extraArgs = []) {
  const server = new StdioServer(spec.command, [...spec.args, ...extraArgs]);
  try {
    await server.initialize();
    const { result, bytes } = await server.request('tools/list');
    const schemaBytes = result.tools.reduce((sum, t) => sum + (t.outputSchema ? Buffer.byteLength(JSON.stringify(t.outputSchema)) : 0), 0);
    return { tools: result.tools.length, bytes, outputSchemaShare: schemaBytes / Buffer.byteLength(JSON.stringify(result.tools)) };
  } finally {
    await server.close();
  }
}

/** Runs the benchmark; returns { rows, notes }. */
export async function run() {
  const specs = stdioServers(emptyDataDir());
  const measured = [
    { server: 'Bastion (default: read-only mode)', role: 'bastion', ...(await catalogue(specs.bastion)) },
    { server: 'Bastion --mode admin (every tool)', role: 'bastion-admin', ...(await catalogue(specs.bastion, ['--mode', 'admin'])) },
    { server: specs.reference.label, role: 'reference', ...(await catalogue(specs.reference)) },
  ];
  const ref = measured.find((r) => r.role === 'reference');
  const rows = measured.map((r) => ({
    server: r.server,
    role: r.role,
    kind: 'measured',
    tools: r.tools,
    bytes: r.bytes,
    bytes_per_tool: Math.round(r.bytes / r.tools),
    est_tokens: Math.round(r.bytes / BYTES_PER_TOKEN),
    bytes_ratio: ratio(r.bytes, ref.bytes),
    output_schema_share: round(r.outputSchemaShare, 2),
  }));
  const perTool = { bastion: rows[0].bytes_per_tool, reference: rows[2].bytes_per_tool };
  for (const seed of SEEDS) {
    for (const [basis, avg] of Object.entries(perTool)) {
      const bytes = seed.tools * avg;
      rows.push({
        server: `${seed.name} (${seed.tools} tools) at ${basis === 'bastion' ? 'Bastion' : 'the reference'}'s bytes per tool`,
        role: `seed-${basis}`,
        kind: 'estimate',
        tools: seed.tools,
        bytes,
        bytes_per_tool: avg,
        est_tokens: Math.round(bytes / BYTES_PER_TOKEN),
        bytes_ratio: ratio(bytes, ref.bytes),
      });
    }
  }
  for (const row of rows) row.bytes_ratio_to_bastion = ratio(row.bytes, rows[0].bytes);
  return {
    rows,
    notes: [
      `Tokens are estimated as bytes / ${BYTES_PER_TOKEN}; no tokenizer was run.`,
      'Seed rows are estimates: the seed servers\' tool counts (Alpacon ~60, WebOps 7) times the measured average bytes per tool of Bastion or of the reference; the seed servers themselves were not measured.',
      'output schema share: the part of the tools\' JSON that is outputSchema (structured results).',
    ],
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const started = process.hrtime.bigint();
  console.log(JSON.stringify(await run(), null, 2));
  console.error(`catalogue: ${(since(started) / 1000).toFixed(0)} s`);
}
