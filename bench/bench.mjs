// Runs Bastion's benchmarks, each side by side with its peer, and writes results/latest.json and results/latest.md.
// Started by bench/run, which builds Bastion (Native AOT unless BENCH_BUILD=r2r) and installs the peers first; run alone
// (BASTION_BIN=… node bench.mjs) a section is labelled with BENCH_BUILD, the AOT build when unset. ONLY=startup,http runs a subset and merges
// it into the existing results (each section keeps its own date).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { machine, since } from './lib/stats.mjs';
import { referenceVersion, sdkVersion } from './lib/servers.mjs';
import { startFleet } from './lib/fleet.mjs';
import { render } from './lib/report.mjs';
import * as catalogue from './catalogue.mjs';
import * as startup from './startup.mjs';
import * as latency from './latency.mjs';
import * as http from './http.mjs';
import * as metrics from './metrics.mjs';
import * as fanout from './fanout.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const results = path.join(here, 'results');
const only = process.env.ONLY ? new Set(process.env.ONLY.split(',').map((s) => s.trim())) : null;
const wanted = (name) => !only || only.has(name);

const benchmarks = [
  ['catalogue', () => catalogue.run()],
  ['startup', () => startup.run()],
  ['latency', () => latency.run()],
  ['http', () => http.run()],
  ['metrics', (fleet) => metrics.run(fleet), 'fleet'],
  ['fanout', (fleet) => fanout.run(fleet), 'fleet'],
];

const previous = existsSync(path.join(results, 'latest.json')) ? JSON.parse(readFileSync(path.join(results, 'latest.json'), 'utf8')) : null;
const report = {
  date: new Date().toISOString(),
  command: only ? `ONLY=${[...only].join(',')} bench/run` : 'bench/run',
  machine: machine({ reference_server: `@modelcontextprotocol/server-everything ${referenceVersion}`, typescript_sdk: sdkVersion }),
  benchmarks: only && previous ? previous.benchmarks : {},
};

const started = process.hrtime.bigint();
let fleet = null;
try {
  for (const [name, runIt, needs] of benchmarks) {
    if (!wanted(name)) continue;
    if (needs === 'fleet' && !fleet) fleet = startFleet([10, 20]);
    const t = process.hrtime.bigint();
    process.stderr.write(`bench: ${name} …\n`);
    const { rows, notes, ...more } = await runIt(fleet);
    const seconds = Math.round(since(t) / 1000);
    report.benchmarks[name] = { date: new Date().toISOString(), seconds, build: process.env.BENCH_BUILD ?? 'aot', rows, notes, ...more };
    process.stderr.write(`bench: ${name} done in ${seconds} s\n`);
  }
} finally {
  fleet?.stop();
}
report.machine.load_average_end = machine().load_average;
report.seconds = Math.round(since(started) / 1000);

mkdirSync(results, { recursive: true });
writeFileSync(path.join(results, 'latest.json'), JSON.stringify(report, null, 2) + '\n');
const md = render(report);
writeFileSync(path.join(results, 'latest.md'), md);
process.stdout.write(md);
