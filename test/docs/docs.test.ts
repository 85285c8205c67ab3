/**
 * The manual beside the README: every help topic has its page in docs/ carrying the topic's exact
 * text (`npm run docs` writes it), topics fit 80 columns, and every `rcuser …` line of the topics,
 * the docs pages and the reliability catalog is one the program takes (as test/readme does for the
 * README), so none of them can drift from the program or from each other.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { HELP_TOPICS, TOPIC_NAMES } from '../../src/root/help-topics.js';
import { TOPIC_TEXTS } from '../../src/root/topics.js';
import { createProgram } from '../../src/root/program.js';
import { testContext } from '../helpers/io.js';
import { markdownExamples, problemWith, topicExamples, withoutTopicBlocks, type Example } from '../readme/commands.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const read = (file: string): string => fs.readFileSync(path.join(ROOT, file), 'utf8');
const DOCS = fs
  .readdirSync(path.join(ROOT, 'docs'))
  .filter((f) => f.endsWith('.md'))
  .map((f) => `docs/${f}`);
/** Pages that are not a help topic's. */
const OTHER_PAGES = ['docs/development.md', 'test/reliability/CATALOG.md'];

/** The topic text a page carries between its markers, or undefined. */
function blockOf(page: string, name: string): string | undefined {
  const m = new RegExp(
    `<!-- rcuser help ${name}:[^\\n]*-->\\n\`\`\`text\\n([^]*?)\`\`\`\\n<!-- end of rcuser help ${name} -->`,
  ).exec(page);
  return m?.[1];
}

describe('help topics', () => {
  it('has the topics the manual is about', () => {
    expect(TOPIC_NAMES).toEqual([
      'credentials',
      'network',
      'batches',
      'formats',
      'fields',
      'versions',
      'audits',
      'environment',
      'exit-codes',
    ]);
    expect(Object.keys(TOPIC_TEXTS)).toEqual(Object.keys(HELP_TOPICS));
  });

  it.each(TOPIC_NAMES)('%s: `rcuser help` shows its text', async (name) => {
    const ctx = testContext();
    await createProgram(ctx).parseAsync(['help', name], { from: 'user' });
    expect(ctx.io.out()).toBe(TOPIC_TEXTS[name]);
  });

  it.each(TOPIC_NAMES)('%s: every line fits 80 columns', (name) => {
    const long = TOPIC_TEXTS[name]!.split('\n').filter((l) => [...l].length > 80);
    expect(long).toEqual([]);
  });

  const examples = TOPIC_NAMES.flatMap((name) => topicExamples(TOPIC_TEXTS[name]!, `rcuser help ${name}`));
  it('has command lines to check', () => {
    for (const name of TOPIC_NAMES)
      expect(
        examples.some((e) => e.where === `rcuser help ${name}`),
        name,
      ).toBe(true);
    expect(examples.filter((e) => e.kind === 'run').length).toBeGreaterThan(30);
  });
  it.each(examples.map((e) => [`${e.where}: ${e.text}`, e] as const))('%s', async (_, e) => {
    expect(await problemWith(e)).toBeUndefined();
  });
});

describe('docs/', () => {
  it('has one page per help topic, and no other page but development.md', () => {
    expect(DOCS.sort()).toEqual([...TOPIC_NAMES.map((n) => `docs/${n}.md`), 'docs/development.md'].sort());
  });

  it.each(TOPIC_NAMES)('docs/%s.md carries the text of `rcuser help %s` (npm run docs writes it)', (name) => {
    expect(blockOf(read(`docs/${name}.md`), name), `run \`npm run docs\``).toBe(TOPIC_TEXTS[name]);
  });

  it('a page whose topic changed fails the check', () => {
    const page = read('docs/network.md');
    expect(blockOf(page, 'network')).toBe(TOPIC_TEXTS.network);
    expect(
      blockOf(page.replace('--timeout <seconds> (default 30)', '--timeout <seconds> (default 60)'), 'network'),
    ).not.toBe(TOPIC_TEXTS.network);
    expect(blockOf(page, 'batches')).toBeUndefined();
  });

  const pages = [...DOCS, 'test/reliability/CATALOG.md'];
  const examples = pages.flatMap((file) => markdownExamples(withoutTopicBlocks(read(file)), file));
  const isMistake = (e: Example): boolean => e.fails === true;

  it('has command lines to check, outside the generated blocks', () => {
    expect(examples.filter((e) => e.kind === 'run').length).toBeGreaterThan(25);
    expect(markdownExamples(withoutTopicBlocks(read('docs/exit-codes.md')), 'x')).toEqual([]);
    expect(withoutTopicBlocks(read('docs/network.md')).split('\n').length).toBe(
      read('docs/network.md').split('\n').length,
    );
  });

  it.each(examples.filter((e) => !isMistake(e)).map((e) => [`${e.where} ${e.text}`, e] as const))(
    '%s',
    async (_, e) => {
      expect(await problemWith(e)).toBeUndefined();
    },
  );

  it.each([...pages, ...OTHER_PAGES.filter((p) => !pages.includes(p))])(
    '%s: the files and pages it names exist',
    (file) => {
      const text = read(file);
      const named = [...text.matchAll(/`((?:\.ci|bin|docs|scripts|src|test)\/[^`<\s*]*)`/g)].map((m) => m[1]!);
      const linked = [...text.matchAll(/\]\(([^)#\s]+\.md)\)/g)].map((m) =>
        path.relative(ROOT, path.resolve(path.dirname(path.join(ROOT, file)), m[1]!)),
      );
      for (const f of new Set([...named, ...linked]))
        expect(fs.existsSync(path.join(ROOT, f)), `${f} is named in ${file}`).toBe(true);
    },
  );
});
