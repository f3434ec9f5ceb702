// Renders results/latest.json as Markdown: the machine, the targets (met or not), and one table per benchmark with
// absolute figures and ratios to the peer.

const fmt = (x, digits) => (x === null || x === undefined ? '–' : digits === undefined ? String(x) : Number(x).toFixed(digits));
const times = (x) => (x === null || x === undefined ? '–' : `${Number(x).toFixed(2)}×`);

function table(headers, rows) {
  const align = headers.map(([, a]) => (a === 'r' ? '---:' : '---'));
  return [
    `| ${headers.map(([h]) => h).join(' | ')} |`,
    `| ${align.join(' | ')} |`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
}

const BUILDS = {
  aot: 'the Native AOT publish (`dotnet publish src/Bastion -p:PublishProfile=linux-x64-aot`)',
  r2r: 'the ReadyToRun publish (`dotnet publish src/Bastion -p:PublishProfile=linux-x64`)',
};

/** Which build each section measured (sections from before the AOT build was shipped measured the ReadyToRun one). */
function builds(benchmarks) {
  const by = {};
  for (const [name, b] of Object.entries(benchmarks)) (by[b.build ?? 'r2r'] ??= []).push(name);
  const kinds = Object.keys(by);
  if (kinds.length <= 1) return `Bastion is ${BUILDS[kinds[0] ?? 'aot']}.`;
  return 'Bastion is ' + kinds.map((k) => `${BUILDS[k]} in ${by[k].join(', ')}`).join('; ') + '.';
}

/** Every target (issue 7's, with issue 18's goals for start-up, memory, stdio latency and HTTP), judged from the results (null when its benchmark did not run). */
export function targets(b) {
  const out = [];
  const startup = b.startup?.rows.find((r) => r.role === 'bastion');
  if (startup) {
    out.push({ target: 'Cold start (spawn → initialize answer) ≤ 0.2× the reference', measured: `${startup.init_median_ms} ms = ${times(startup.init_ratio)}`, met: startup.init_ratio <= 0.2 });
    out.push({ target: 'Idle RSS (after initialize + tools/list) ≤ 40 MiB', measured: `${startup.idle_rss_median_mib} MiB`, met: startup.idle_rss_median_mib <= 40 });
  }
  const cheap = b.latency?.rows.find((r) => r.operation === 'cheap tool call' && r.role === 'bastion');
  if (cheap) {
    out.push({ target: 'stdio cheap tool call p50 ≤ 1.5× the reference', measured: `${cheap.p50_ms} ms = ${times(cheap.p50_ratio)}`, met: cheap.p50_ratio <= 1.5 });
  }
  const http16 = b.http?.rows.find((r) => r.clients === 16 && r.role === 'bastion');
  if (http16) {
    out.push({ target: 'HTTP throughput at 16 clients ≥ 3× the reference (5× stays the aim)', measured: `${http16.calls_per_s} calls/s = ${times(http16.throughput_ratio)}`, met: http16.throughput_ratio >= 3 });
    out.push({ target: 'HTTP p99 at 16 clients ≤ 15 ms (cheap tool)', measured: `${http16.p99_ms} ms`, met: http16.p99_ms <= 15 });
  }
  const current16 = b.http?.rows.find((r) => r.clients === 16 && r.role === 'bastion' && r.server.includes('2026-07-28'));
  if (current16) {
    out.push({ target: 'HTTP throughput at 16 clients, 2026-07-28 client (no session) ≥ 3× the reference', measured: `${current16.calls_per_s} calls/s = ${times(current16.throughput_ratio)}, p99 ${current16.p99_ms} ms`, met: current16.throughput_ratio >= 3 });
  }
  const warm20 = b.fanout?.rows.find((r) => r.hosts === 20 && r.mode === 'warm' && r.tool === 'bastion serve');
  if (warm20) {
    out.push({ target: 'Warm fan-out, 20 hosts (bastion serve) ≤ 0.5× parallel-ssh', measured: `${warm20.median_ms} ms = ${times(warm20.ratio_to_parallel_ssh)}`, met: warm20.ratio_to_parallel_ssh <= 0.5 });
    out.push({ target: 'Warm fan-out, 20 hosts (bastion serve) ≤ 0.1× ansible', measured: `${warm20.median_ms} ms = ${times(warm20.ratio_to_ansible)}`, met: warm20.ratio_to_ansible <= 0.1 });
  }
  return out;
}

const sections = {
  startup: (s) => [
    '## 1. Cold start over stdio',
    '',
    table(
      [['server'], ['initialize median ms', 'r'], ['p99 ms', 'r'], ['÷ ref', 'r'], ['CPU to initialize ms', 'r'], ['÷ ref', 'r'], ['first tools/list ms', 'r'], ['÷ ref', 'r'], ['idle RSS MiB', 'r'], ['÷ ref', 'r'], ['peak RSS MiB', 'r'], ['tools', 'r']],
      s.rows.map((r) => [r.server, fmt(r.init_median_ms, 1), fmt(r.init_p99_ms, 1), times(r.init_ratio), fmt(r.cpu_to_init_median_ms, 1), times(r.cpu_to_init_ratio), fmt(r.first_tools_list_median_ms, 1), times(r.first_tools_list_ratio), fmt(r.idle_rss_median_mib, 1), times(r.idle_rss_ratio), fmt(r.peak_rss_median_mib, 1), fmt(r.tools)]),
    ),
  ],
  latency: (s) => [
    '## 2. Round trip over stdio (running server)',
    '',
    table(
      [['operation'], ['server'], ['tool'], ['requests', 'r'], ['p50 ms', 'r'], ['÷ ref', 'r'], ['p99 ms', 'r'], ['÷ ref', 'r']],
      s.rows.map((r) => [r.operation, r.server, r.tool ?? '–', fmt(r.requests), fmt(r.p50_ms, 3), times(r.p50_ratio), fmt(r.p99_ms, 3), times(r.p99_ratio)]),
    ),
  ],
  http: (s) => [
    '## 3. Streamable HTTP: cheap tool, N concurrent clients (one session each)',
    '',
    table(
      [['clients', 'r'], ['server'], ['tool'], ['calls/s', 'r'], ['÷ ref', 'r'], ...(s.shipping ? [['shipping on ÷ off', 'r']] : []), ['p50 ms', 'r'], ['p99 ms', 'r'], ['p99 ÷ ref', 'r'], ['server CPU ms/call', 'r']],
      s.rows.map((r) => [fmt(r.clients), r.server, r.tool, fmt(r.calls_per_s), times(r.throughput_ratio), ...(s.shipping ? [times(r.shipping_on_off)] : []), fmt(r.p50_ms, 2), fmt(r.p99_ms, 2), times(r.p99_ratio), fmt(r.server_cpu_ms_per_call, 3)]),
    ),
    ...(s.shipping ? [
      '',
      'Audit shipping, whole run of each shipping server (warm-up and every client count): entries in its log (`bastion audit verify`), entries each receiver got, bytes per entry on each wire, and what the server counted as shipped and dropped (/metrics).',
      '',
      table(
        [['server'], ['chain verifies'], ['entries written', 'r'], ['syslog received', 'r'], ['OTLP received', 'r'], ['syslog B/entry', 'r'], ['OTLP B/entry', 'r'], ['shipped (both sinks)', 'r'], ['dropped', 'r']],
        s.shipping.map((t) => [t.server, t.verify_ok ? 'yes' : '**no**', fmt(t.entries_written), fmt(t.syslog_received), fmt(t.otlp_received), fmt(t.syslog_bytes_per_entry), fmt(t.otlp_bytes_per_entry), fmt(t.shipped_total), fmt(t.dropped_total)]),
      ),
    ] : []),
  ],
  metrics: (s) => [
    '## 4. Metrics snapshot (metrics_sample, 0.1 s window)',
    '',
    table(
      [['target'], ['tool'], ['wall median ms', 'r'], ['p99 ms', 'r'], ['excluding window ms', 'r'], ['÷ same reads', 'r'], ['CPU ms', 'r'], ['children CPU ms', 'r']],
      s.rows.map((r) => [r.target, r.tool, fmt(r.wall_median_ms, 1), fmt(r.wall_p99_ms, 1), fmt(r.wall_excluding_window_median_ms, 1), times(r.excluding_window_ratio), fmt(r.cpu_median_ms, 1), fmt(r.children_cpu_median_ms, 0)]),
    ),
  ],
  fanout: (s) => [
    '## 5. Fan-out: `uptime` on N loopback sshd hosts',
    '',
    table(
      [['hosts', 'r'], ['mode'], ['tool'], ['median ms', 'r'], ['p90 ms', 'r'], ['min ms', 'r'], ['÷ parallel-ssh', 'r'], ['÷ ansible', 'r']],
      s.rows.map((r) => [fmt(r.hosts), r.mode, r.tool, fmt(r.median_ms, 1), fmt(r.p90_ms, 1), fmt(r.min_ms, 1), times(r.ratio_to_parallel_ssh), times(r.ratio_to_ansible)]),
    ),
  ],
  catalogue: (s) => [
    '## 6. Catalogue size (tools/list answer)',
    '',
    table(
      [['catalogue'], ['tools', 'r'], ['model-visible tokens', 'r'], ['goal', 'r'], ['model-visible bytes ÷ 4', 'r'], ['tokens/tool', 'r'], ['÷ reference', 'r'], ['output schemas, tokens', 'r'], ['whole answer, bytes', 'r']],
      s.rows.map((r) => [r.server, fmt(r.tools), fmt(r.visible_tokens), r.goal_tokens ? `≤ ${r.goal_tokens}` : '–', fmt(r.visible_est_tokens), fmt(r.visible_tokens_per_tool), times(r.visible_ratio), fmt(r.output_tokens), fmt(r.bytes)]),
    ),
  ],
};

/** The whole Markdown report. */
export function render(report) {
  const m = report.machine;
  const lines = [
    '# Bastion benchmarks',
    '',
    `${report.date} · \`${report.command}\` · ${report.seconds ?? '?'} s`,
    '',
    `Machine: ${m.cpus} × ${m.cpu_model}, ${(m.memory_bytes / 2 ** 30).toFixed(1)} GiB, ${m.os}, kernel ${m.kernel}; load average ${m.load_average?.join(' / ')} at the start, ${m.load_average_end?.join(' / ') ?? '?'} at the end (other work shared these CPUs).`,
    `Software: .NET SDK ${m.dotnet} (${m.dotnet_runtime}), Node ${m.node}, ${m.reference_server} (TypeScript SDK ${m.typescript_sdk}), ${m.openssh}, parallel-ssh ${m.parallel_ssh}, ${m.ansible}, ${m.wrk}.`,
    '',
    `${builds(report.benchmarks)} Ratios are Bastion ÷ peer: below 1× Bastion is faster or smaller.`,
    '',
  ];
  const judged = targets(report.benchmarks);
  if (judged.length) {
    lines.push('## Targets', '', table([['target'], ['measured'], ['met']], judged.map((t) => [t.target, t.measured, t.met ? 'yes' : '**no**'])), '');
  }
  for (const [name, render] of Object.entries(sections)) {
    const section = report.benchmarks[name];
    if (!section) continue;
    lines.push(...render(section), '', ...section.notes.map((n) => `- ${n}`), `- Measured ${section.date} in ${section.seconds} s.`, '');
  }
  return lines.join('\n');
}
