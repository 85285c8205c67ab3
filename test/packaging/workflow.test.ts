/** .github/workflows/ci.yml: valid YAML, the OS × Node matrix, current actions, what each runner installs and runs. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { expandMatrix, lintWorkflow } from './workflow-lint.js';

const FILE = new URL('../../.github/workflows/ci.yml', import.meta.url);

/**
 * YAML texts parsed by PyYAML, in one python3 run (it can take seconds to start on a busy machine;
 * Node has no YAML parser and rcuser takes no dependency for one). YAML 1.1 reads the key `on` as
 * true: put back. Undefined when python3 or PyYAML is missing.
 */
function parseYaml(texts: string[]): Array<{ doc?: unknown; error?: string }> | undefined {
  const py = `import json,sys
try:
  import yaml
except ImportError:
  sys.exit(3)
def parse(t):
  try:
    d=yaml.safe_load(t)
  except yaml.YAMLError as e:
    return {"error": str(e)}
  if isinstance(d,dict) and True in d: d["on"]=d.pop(True)
  return {"doc": d}
print(json.dumps([parse(t) for t in json.load(sys.stdin)]))`;
  const r = spawnSync('python3', ['-c', py], { input: JSON.stringify(texts), encoding: 'utf8' });
  if (r.status !== 0) return undefined;
  return JSON.parse(r.stdout);
}

const BROKEN = 'jobs:\n  test:\n    steps: [\n';
const results = parseYaml([fs.readFileSync(FILE, 'utf8'), BROKEN]);

type Step = { uses?: string; run?: string; if?: string; with?: Record<string, unknown> };
type Job = { 'runs-on': string; steps: Step[]; strategy: { matrix: Record<string, unknown> } };

describe.skipIf(!results)(
  `the GitHub workflow${results ? '' : ' (skipped: python3 with PyYAML is not on this machine)'}`,
  () => {
    const parsed = () => {
      expect(results![0]!.error).toBeUndefined();
      return results![0]!.doc as { jobs: { test: Job } };
    };

    it('parses as YAML and passes the workflow check', () => {
      expect(lintWorkflow(parsed())).toEqual([]);
    });

    it('runs Node 20, 22, 24 and 26 on Linux, and 22 and 24 on macOS and Windows', () => {
      const combos = expandMatrix(parsed().jobs.test.strategy.matrix).map((c) => `${c.os} ${c.node}`);
      expect(combos.sort()).toEqual([
        'macos-latest 22',
        'macos-latest 24',
        'ubuntu-latest 20',
        'ubuntu-latest 22',
        'ubuntu-latest 24',
        'ubuntu-latest 26',
        'windows-latest 22',
        'windows-latest 24',
      ]);
    });

    it('installs from the lockfile with npm ci, then runs npm test; zsh and fish where the completion tests want them', () => {
      const steps = parsed().jobs.test.steps;
      const runs = steps.filter((s) => s.run).map((s) => s.run!);
      expect(runs.slice(-2)).toEqual(['npm ci', 'npm test']);
      expect(runs.some((r) => /\bnpm install\b/.test(r))).toBe(false);
      const linux = steps.find((s) => s.if === "runner.os == 'Linux'");
      expect(linux?.run).toMatch(/apt-get install -y zsh fish$/);
      expect(steps.find((s) => s.if === "runner.os == 'macOS'")?.run).toBe('brew install fish');
    });

    it('finds what actionlint would: a bad YAML file, unpinned or old actions, an unknown input, a missing matrix key, a bad runner', () => {
      expect(results![1]!.error).toMatch(/expected/);
      const doc = structuredClone(parsed()) as { jobs: { test: Job } };
      const job = doc.jobs.test;
      job.steps[0]!.uses = 'actions/checkout@main';
      job.steps[1]!.uses = 'actions/setup-node@v4';
      job.steps[1]!.with = { ...job.steps[1]!.with, 'node-versions': '22' };
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression, not a template literal
      job.steps.push({ run: 'echo ${{ matrix.shell }}', if: "runner.os == 'windows'" });
      (job.strategy.matrix.include as Array<Record<string, unknown>>).push({ os: 'windows-latests', node: 26 });
      expect(lintWorkflow(doc)).toEqual([
        'jobs.test.steps[7].run: matrix.shell is not a key of the matrix',
        "jobs.test.steps[7].if: runner.os is never 'windows' (Linux, macOS or Windows)",
        'jobs.test: runs-on "windows-latests" is not a GitHub-hosted runner',
        'jobs.test.steps[0]: "actions/checkout@main" is not pinned to a major version (owner/repo@vN)',
        'jobs.test.steps[1]: actions/setup-node@v4 is not the current major, v7',
        'jobs.test.steps[1]: actions/setup-node has no input "node-versions"',
      ]);
    });
  },
);
