// `npm run docs`: writes the text of each help topic (src/root/topics.ts) into docs/<topic>.md, between
// its markers, leaving the rest of the page as it is; a topic without a page gets a new one.
// test/docs/docs.test.ts fails when a committed page and its topic differ.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const bundled = await build({
  entryPoints: [path.join(ROOT, 'src/root/topics.ts')],
  bundle: true,
  write: false,
  format: 'esm',
  platform: 'node',
  logLevel: 'warning',
});
const { TOPIC_TEXTS } = await import(
  `data:text/javascript;base64,${Buffer.from(bundled.outputFiles[0].text).toString('base64')}`
);

/** The block a page carries for a topic; test/docs/docs.test.ts reads it back with the same markers. */
const block = (name, text) =>
  `<!-- rcuser help ${name}: written by \`npm run docs\` from src/root/topics.ts; edit it there -->\n\`\`\`text\n${text}\`\`\`\n<!-- end of rcuser help ${name} -->`;

for (const [name, text] of Object.entries(TOPIC_TEXTS)) {
  const file = path.join(ROOT, 'docs', `${name}.md`);
  const title = text.split('\n')[0];
  const page = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : `# ${title}\n\n${block(name, '')}\n`;
  const re = new RegExp(`<!-- rcuser help ${name}:[^\\n]*-->\\n[^]*?<!-- end of rcuser help ${name} -->`);
  if (!re.test(page)) throw new Error(`${path.relative(ROOT, file)} has no block for \`rcuser help ${name}\``);
  const next = page.replace(re, () => block(name, text));
  if (next !== page) {
    fs.writeFileSync(file, next);
    console.log(`wrote ${path.relative(ROOT, file)}`);
  }
}
