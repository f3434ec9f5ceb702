// Judges one run of the MCP conformance suite (one protocol revision's requirements) against expected-failures.yml,
// scenario by scenario, and prints a table and the closing line "conformance: N passed, N failed".
//
//   node evaluate.mjs RESULTS_DIR EXPECTED_FAILURES_YML SCENARIO_LIST SUITE_EXIT_CODE REVISION [SCENARIO]
//
// RESULTS_DIR holds the suite's server-<scenario>-<timestamp>/checks.json folders (its -o); SCENARIO_LIST is the output
// of `conformance list --requirements REVISION`, whose server scenarios are the scored ones; SCENARIO names the one
// scenario run, when only one was. A scenario fails when one of its checks is a FAILURE or a WARNING (as the suite's own
// baseline check counts them) or when it left no results. expected-failures.yml lists, under server:, either a whole
// scenario or one check of it as scenario:check-id, each with its reason in a comment.
// Outcomes of the scored scenarios:
//   pass      passes, nothing listed                                  counted passed
//   expected  fails only in what expected-failures.yml lists          counted passed: it still fails for the recorded reason
//   FAIL      fails in a check not listed                             counted failed: a regression, or a new check to look at
//   STALE     a listed check (or scenario) passes                     counted failed: remove it from the list (it only shrinks)
// Scenarios the suite ran that the revision does not score (extensions, pending ones) are shown as "unscored", not
// counted. Besides: a list entry naming no scenario of any revision's list, a listed scenario that must pass
// (dns-rebinding-protection), and a suite exit code other than 0 or 1 each count one failure. Exit code 0 only with no
// failure.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';

const MUST_PASS = ['dns-rebinding-protection'];

const [resultsDir, expectedFile, scenarioListFile, suiteExitText, revision, only] = process.argv.slice(2);
if (!resultsDir || !expectedFile || !scenarioListFile || suiteExitText === undefined || !revision) {
  console.error('usage: node evaluate.mjs RESULTS_DIR EXPECTED_FAILURES_YML SCENARIO_LIST SUITE_EXIT_CODE REVISION [SCENARIO]');
  process.exit(2);
}

/** The server scenarios of a `list --requirements` output (the lines under "Server scenarios", up to the next heading). */
const serverScenarios = (file) => {
  const names = [];
  let inServer = false;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (/^\S/.test(line)) {
      inServer = /^Server scenarios/.test(line);
      continue;
    }
    const name = /^\s+- (\S+)/.exec(line)?.[1];
    if (inServer && name) {
      names.push(name);
    }
  }
  return names;
};

const allScenarios = serverScenarios(scenarioListFile);
const everyRevisionsScenarios = new Set(
  readdirSync(dirname(scenarioListFile)).filter((f) => /^scenarios-.*\.txt$/.test(f)).flatMap((f) => serverScenarios(join(dirname(scenarioListFile), f))));
allScenarios.forEach((name) => everyRevisionsScenarios.add(name));
const scenarios = only ? allScenarios.filter((name) => name === only) : allScenarios;
const entries = ((parse(readFileSync(expectedFile, 'utf8')) ?? {}).server ?? []).map(String);
const listedScenarios = entries.filter((e) => !e.includes(':'));
const listedChecks = (scenario) => entries.filter((e) => e.startsWith(`${scenario}:`)).map((e) => e.slice(scenario.length + 1));
const resultFolders = existsSync(resultsDir) ? readdirSync(resultsDir) : [];

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const checksOf = (scenario) => {
  const pattern = new RegExp(`^server-${escape(scenario)}-\\d{4}-\\d{2}-\\d{2}T[\\d-]+Z$`);
  const folder = resultFolders.filter((name) => pattern.test(name)).sort().at(-1);
  const file = folder && join(resultsDir, folder, 'checks.json');
  return file && existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined;
};
const count = (checks, status) => checks.filter((c) => c.status === status).length;
const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;

let passed = 0;
let failed = 0;
const rows = [];
const problems = [];

for (const scenario of scenarios) {
  const checks = checksOf(scenario);
  const isListed = listedScenarios.includes(scenario);
  const baselined = listedChecks(scenario);
  if (!checks) {
    rows.push([isListed ? 'expected' : 'FAIL', scenario, 'no results: the scenario did not finish']);
    isListed ? passed++ : failed++;
    continue;
  }

  const failures = checks.filter((c) => c.status === 'FAILURE' || c.status === 'WARNING');
  const unexpected = failures.filter((c) => !baselined.includes(c.id));
  const stale = baselined.filter((id) => !failures.some((c) => c.id === id));
  const tally = [
    plural(count(checks, 'SUCCESS'), 'check') + ' passed',
    count(checks, 'FAILURE') && `${count(checks, 'FAILURE')} failed`,
    count(checks, 'WARNING') && plural(count(checks, 'WARNING'), 'warning'),
  ].filter(Boolean).join(', ');
  if (isListed) {
    rows.push(failures.length > 0 ? ['expected', scenario, `${tally} (listed in expected-failures.yml)`] : ['STALE', scenario, `${tally}; passes now: remove it from expected-failures.yml`]);
    failures.length > 0 ? passed++ : failed++;
  } else if (unexpected.length > 0) {
    rows.push(['FAIL', scenario, tally]);
    for (const check of unexpected) {
      problems.push(`${scenario} / ${check.id}: ${check.status}: ${check.errorMessage ?? check.description}`);
    }
    failed++;
  } else if (stale.length > 0) {
    rows.push(['STALE', scenario, `${tally}; passes now: remove ${stale.map((id) => `${scenario}:${id}`).join(', ')} from expected-failures.yml`]);
    failed++;
  } else if (failures.length > 0) {
    rows.push(['expected', scenario, `${tally} (${failures.map((c) => c.id).join(', ')} listed in expected-failures.yml)`]);
    passed++;
  } else {
    rows.push(['pass', scenario, tally]);
    passed++;
  }
}

if (!only) {
  const ran = new Set(resultFolders.map((name) => /^server-(.+)-\d{4}-\d{2}-\d{2}T[\d-]+Z$/.exec(name)?.[1]).filter(Boolean));
  for (const scenario of [...ran].filter((name) => !allScenarios.includes(name)).sort()) {
    const checks = checksOf(scenario) ?? [];
    rows.push(['unscored', scenario, `${plural(count(checks, 'SUCCESS'), 'check')} passed, ${count(checks, 'FAILURE')} failed, ${plural(count(checks, 'WARNING'), 'warning')} (not required by ${revision})`]);
  }
}

for (const entry of entries) {
  const scenarioOf = entry.split(':')[0];
  if (!everyRevisionsScenarios.has(scenarioOf)) {
    problems.push(`expected-failures.yml lists '${entry}', which is no scenario of this suite: remove it`);
    failed++;
  }
  if (MUST_PASS.includes(scenarioOf)) {
    problems.push(`expected-failures.yml lists '${entry}', which must pass and may never be listed`);
    failed++;
  }
}

if (scenarios.length === 0) {
  problems.push('the suite listed no server scenarios');
  failed++;
}

// The suite exits 1 when any check it ran failed (unscored ones too), which the table explains; anything else is a crash.
const suiteExit = Number(suiteExitText);
if (suiteExit !== 0 && suiteExit !== 1) {
  problems.push(`the suite exited ${suiteExit}; see its log`);
  failed++;
}

const width = Math.max(0, ...rows.map(([, name]) => name.length));
console.log(`conformance ${revision} scenarios (${scenarios.length} scored):`);
for (const [outcome, name, detail] of rows) {
  console.log(`  ${outcome.padEnd(8)}  ${name.padEnd(width)}  ${detail}`);
}
for (const problem of problems) {
  console.log(`  ! ${problem}`);
}
console.log(`conformance: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
