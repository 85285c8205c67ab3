/**
 * An actionlint-style check of .github/workflows/ci.yml, for the fields it uses (actionlint itself
 * is a Go binary that Debian does not package). The workflow syntax it follows:
 * https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-syntax
 */

type Obj = Record<string, unknown>;

/** GitHub-hosted runner labels (docs: "GitHub-hosted runners", standard runners). */
export const RUNNER_LABELS = new Set([
  'ubuntu-latest',
  'ubuntu-24.04',
  'ubuntu-22.04',
  'macos-latest',
  'macos-15',
  'macos-14',
  'windows-latest',
  'windows-2025',
  'windows-2022',
]);

/**
 * The actions used, the major each is pinned to (the newest, looked up in their repositories on
 * 2026-12-02: actions/checkout v7.0.1, actions/setup-node v7.0.0) and the inputs their action.yml
 * declares at that release.
 */
export const ACTIONS: Record<string, { major: number; inputs: string[] }> = {
  'actions/checkout': {
    major: 7,
    inputs: [
      'repository',
      'ref',
      'token',
      'ssh-key',
      'ssh-known-hosts',
      'ssh-strict',
      'ssh-user',
      'persist-credentials',
      'path',
      'clean',
      'filter',
      'sparse-checkout',
      'sparse-checkout-cone-mode',
      'fetch-depth',
      'fetch-tags',
      'show-progress',
      'lfs',
      'submodules',
      'set-safe-directory',
      'github-server-url',
      'allow-unsafe-pr-checkout',
    ],
  },
  'actions/setup-node': {
    major: 7,
    inputs: [
      'node-version',
      'node-version-file',
      'architecture',
      'check-latest',
      'registry-url',
      'scope',
      'token',
      'cache',
      'package-manager-cache',
      'cache-dependency-path',
      'mirror',
      'mirror-token',
    ],
  },
};

const TOP_KEYS = new Set(['name', 'run-name', 'on', 'permissions', 'env', 'defaults', 'concurrency', 'jobs']);
const JOB_KEYS = new Set([
  'name',
  'needs',
  'permissions',
  'if',
  'runs-on',
  'environment',
  'concurrency',
  'outputs',
  'env',
  'defaults',
  'steps',
  'timeout-minutes',
  'strategy',
  'continue-on-error',
  'container',
  'services',
]);
const STEP_KEYS = new Set([
  'id',
  'if',
  'name',
  'uses',
  'run',
  'shell',
  'with',
  'env',
  'continue-on-error',
  'timeout-minutes',
  'working-directory',
]);
const CONTEXTS = new Set([
  'github',
  'env',
  'vars',
  'job',
  'jobs',
  'steps',
  'runner',
  'secrets',
  'strategy',
  'matrix',
  'needs',
  'inputs',
]);
const RUNNER_OS = new Set(['Linux', 'macOS', 'Windows']);

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every string in a value, with where it is. */
function strings(v: unknown, at: string): Array<[string, string]> {
  if (typeof v === 'string') return [[at, v]];
  if (Array.isArray(v)) return v.flatMap((x, i) => strings(x, `${at}[${i}]`));
  if (isObj(v)) return Object.entries(v).flatMap(([k, x]) => strings(x, `${at}.${k}`));
  return [];
}

/** The combinations a matrix runs: the axes' product, less `exclude`, plus `include` (docs: "Expanding or adding matrix configurations"). */
export function expandMatrix(matrix: Obj): Obj[] {
  const axes = Object.entries(matrix).filter(([k]) => k !== 'include' && k !== 'exclude') as Array<[string, unknown[]]>;
  let combos: Obj[] = [{}];
  for (const [key, values] of axes) combos = combos.flatMap((c) => values.map((v) => ({ ...c, [key]: v })));
  const excluded = (c: Obj) =>
    ((matrix.exclude as Obj[] | undefined) ?? []).some((e) => Object.entries(e).every(([k, v]) => c[k] === v));
  combos = combos.filter((c) => !excluded(c));
  for (const inc of (matrix.include as Obj[] | undefined) ?? []) {
    // An include that changes no original axis value extends the matching combinations; else it is a new one.
    const axisKeys = axes.map(([k]) => k);
    const matching = combos.filter((c) => axisKeys.every((k) => !(k in inc) || c[k] === inc[k]));
    if (matching.length > 0 && axisKeys.some((k) => k in inc)) for (const c of matching) Object.assign(c, inc);
    else combos.push({ ...inc });
  }
  return combos.length === 1 && Object.keys(combos[0]!).length === 0 ? [] : combos;
}

/** What is wrong with a parsed workflow, one line each; none when it is fine. */
export function lintWorkflow(doc: unknown): string[] {
  const problems: string[] = [];
  if (!isObj(doc)) return ['the workflow is not a mapping'];
  for (const k of Object.keys(doc)) if (!TOP_KEYS.has(k)) problems.push(`unknown top-level key "${k}"`);
  if (!('on' in doc)) problems.push('no "on" (the events that run the workflow)');
  if (!isObj(doc.jobs) || Object.keys(doc.jobs).length === 0) return [...problems, 'no jobs'];

  for (const [id, job] of Object.entries(doc.jobs)) {
    const at = `jobs.${id}`;
    if (!isObj(job)) {
      problems.push(`${at} is not a mapping`);
      continue;
    }
    for (const k of Object.keys(job)) if (!JOB_KEYS.has(k)) problems.push(`${at}: unknown key "${k}"`);
    const matrix = isObj(job.strategy) && isObj(job.strategy.matrix) ? job.strategy.matrix : undefined;
    const combos = matrix ? expandMatrix(matrix) : [];
    const matrixKeys = new Set(combos.flatMap((c) => Object.keys(c)));

    // Expressions: a known context, a matrix key that exists, balanced ${{ }}.
    for (const [where, text] of strings(job, at)) {
      if ((text.match(/\$\{\{/g) ?? []).length !== (text.match(/\}\}/g) ?? []).length)
        problems.push(`${where}: unbalanced \${{ }}`);
      const exprs = [...text.matchAll(/\$\{\{(.*?)\}\}/g)].map((m) => m[1]!);
      // `if:` is an expression without the braces.
      if (where.endsWith('.if')) exprs.push(text);
      for (const expr of exprs) {
        const bare = expr.replace(/'[^']*'/g, "''");
        for (const m of bare.matchAll(/(?<![\w.-])([a-z][\w-]*)\.([\w-]+)/gi)) {
          const [, context, prop] = m;
          if (!CONTEXTS.has(context!)) problems.push(`${where}: unknown context "${context}"`);
          if (context === 'matrix' && !matrixKeys.has(prop!))
            problems.push(`${where}: matrix.${prop} is not a key of the matrix`);
        }
        for (const m of expr.matchAll(/runner\.os\s*[!=]=\s*'([^']*)'/g)) {
          if (!RUNNER_OS.has(m[1]!)) problems.push(`${where}: runner.os is never '${m[1]}' (Linux, macOS or Windows)`);
        }
      }
    }

    // runs-on: a hosted label, or a matrix key whose every value is one.
    const runsOn = job['runs-on'];
    const viaMatrix = typeof runsOn === 'string' ? /^\$\{\{\s*matrix\.([\w-]+)\s*\}\}$/.exec(runsOn) : null;
    const labels = viaMatrix ? combos.map((c) => c[viaMatrix[1]!]) : [runsOn];
    for (const label of labels)
      if (typeof label !== 'string' || !RUNNER_LABELS.has(label))
        problems.push(`${at}: runs-on ${JSON.stringify(label)} is not a GitHub-hosted runner`);

    if (!Array.isArray(job.steps) || job.steps.length === 0) {
      problems.push(`${at}: no steps`);
      continue;
    }
    // biome-ignore lint/suspicious/useIterableCallbackReturn: `return void …` ends one step's checks early
    job.steps.forEach((step: unknown, i) => {
      const sat = `${at}.steps[${i}]`;
      if (!isObj(step)) return void problems.push(`${sat} is not a mapping`);
      for (const k of Object.keys(step)) if (!STEP_KEYS.has(k)) problems.push(`${sat}: unknown key "${k}"`);
      if ('uses' in step === 'run' in step) problems.push(`${sat}: needs exactly one of "uses" and "run"`);
      if ('with' in step && !('uses' in step)) problems.push(`${sat}: "with" without "uses"`);
      if (typeof step.uses !== 'string') return;
      const ref = /^([\w.-]+\/[\w.-]+)@v(\d+)$/.exec(step.uses);
      if (!ref) return void problems.push(`${sat}: "${step.uses}" is not pinned to a major version (owner/repo@vN)`);
      const known = ACTIONS[ref[1]!];
      if (!known) return void problems.push(`${sat}: ${ref[1]} is not an action this check knows`);
      if (Number(ref[2]) !== known.major)
        problems.push(`${sat}: ${ref[1]}@v${ref[2]} is not the current major, v${known.major}`);
      for (const input of Object.keys(isObj(step.with) ? step.with : {})) {
        if (!known.inputs.includes(input)) problems.push(`${sat}: ${ref[1]} has no input "${input}"`);
      }
    });
  }
  return problems;
}
