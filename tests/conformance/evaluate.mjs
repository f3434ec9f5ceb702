// Judges one run of the MCP conformance suite against expected-failures.yml, scenario by scenario, and prints a table
// and the closing line "conformance: N passed, N failed".
//
//   node evaluate.mjs RESULTS_DIR EXPECTED_FAILURES_YML SCENARIO_LIST SUITE_EXIT_CODE [SCENARIO]
//
// RESULTS_DIR holds the suite's server-<scenario>-<timestamp>/checks.json folders (its -o); SCENARIO_LIST is the output
// of `conformance list --server`; SCENARIO names the one scenario run, when only one was. A scenario fails when one of
// its checks is a FAILURE or a WARNING (as the suite's own baseline check counts them) or when it left no results.
// Outcomes:
//   pass      passes, not listed                        counted passed
//   expected  fails, listed in expected-failures.yml    counted passed: it still fails for the recorded reason
//   FAIL      fails, not listed                         counted failed: a regression, or a new scenario to look at
//   STALE     passes, listed                            counted failed: remove it from the list (the list only shrinks)
// Besides: a list entry naming no scenario of the suite, a listed scenario that must pass (dns-rebinding-protection),
// and a suite exit code the table cannot explain each count one failure. Exit code 0 only with no failure.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const MUST_PASS = ['dns-rebinding-protection'];

const [resultsDir, expectedFile, scenarioListFile, suiteExitText, only] = process.argv.slice(2);
if (!resultsDir || !expectedFile || !scenarioListFile || suiteExitText === undefined) {
  console.error('usage: node evaluate.mjs RESULTS_DIR EXPECTED_FAILURES_YML SCENARIO_LIST SUITE_EXIT_CODE [SCENARIO]');
  process.exit(2);
}

const allScenarios = readFileSync(scenarioListFile, 'utf8')
  .split('\n')
  .map((line) => /^\s+- (\S+)/.exec(line)?.[1])
  .filter(Boolean);
const scenarios = only ? allScenarios.filter((name) => name === only) : allScenarios;
const listed = (parse(readFileSync(expectedFile, 'utf8')) ?? {}).server ?? [];
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
  const isListed = listed.includes(scenario);
  if (!checks) {
    rows.push([isListed ? 'expected' : 'FAIL', scenario, 'no results: the scenario did not finish']);
    isListed ? passed++ : failed++;
    continue;
  }

  const failures = checks.filter((c) => c.status === 'FAILURE' || c.status === 'WARNING');
  const tally = [
    plural(count(checks, 'SUCCESS'), 'check') + ' passed',
    count(checks, 'FAILURE') && `${count(checks, 'FAILURE')} failed`,
    count(checks, 'WARNING') && plural(count(checks, 'WARNING'), 'warning'),
  ].filter(Boolean).join(', ');
  if (failures.length === 0 && !isListed) {
    rows.push(['pass', scenario, tally]);
    passed++;
  } else if (failures.length > 0 && isListed) {
    rows.push(['expected', scenario, `${tally} (listed in expected-failures.yml)`]);
    passed++;
  } else if (failures.length > 0) {
    rows.push(['FAIL', scenario, tally]);
    for (const check of failures) {
      problems.push(`${scenario} / ${check.id}: ${check.status}: ${check.errorMessage ?? check.description}`);
    }
    failed++;
  } else {
    rows.push(['STALE', scenario, `${tally}; passes now: remove it from expected-failures.yml`]);
    failed++;
  }
}

for (const entry of listed) {
  if (!allScenarios.includes(entry)) {
    problems.push(`expected-failures.yml lists '${entry}', which is no scenario of this suite: remove it`);
    failed++;
  }
  if (MUST_PASS.includes(entry)) {
    problems.push(`expected-failures.yml lists '${entry}', which must pass and may never be listed`);
    failed++;
  }
}

if (scenarios.length === 0) {
  problems.push('the suite listed no server scenarios');
  failed++;
}

const suiteExit = Number(suiteExitText);
if (suiteExit !== 0 && failed === 0) {
  problems.push(`the suite exited ${suiteExit} although every scenario had its expected outcome; see its log`);
  failed++;
}

const width = Math.max(0, ...rows.map(([, name]) => name.length));
console.log(`conformance scenarios (${scenarios.length}):`);
for (const [outcome, name, detail] of rows) {
  console.log(`  ${outcome.padEnd(8)}  ${name.padEnd(width)}  ${detail}`);
}
for (const problem of problems) {
  console.log(`  ! ${problem}`);
}
console.log(`conformance: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
