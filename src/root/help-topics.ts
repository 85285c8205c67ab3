import { Argument, Command } from 'commander';
import type { Context } from '../cmdutil/context.js';
import { UsageError } from '../errors.js';
import { didYouMean } from '../lib/nearest.js';
import { asciiText } from '../render/glyphs.js';

/**
 * Help topics: things that belong to no single command. Their texts are in root/topics.ts, loaded
 * only when a topic is shown; docs/<topic>.md carries the same text (npm run docs).
 */
export const HELP_TOPICS: Readonly<Record<string, { summary: string }>> = {
  credentials: { summary: 'which server and credentials; profiles, where they are kept' },
  network: { summary: 'TLS and private CAs, proxies, redirects, timeouts' },
  batches: { summary: 'many users at once, listings, rate limits' },
  formats: { summary: 'JSON, CSV, TSV, jq; redacted secrets, tables, colors, the pager' },
  fields: { summary: 'the fields --fields, --csv and --tsv pick' },
  versions: { summary: 'what differs between Rocket.Chat versions' },
  audits: { summary: "idle accounts, sorting, what changed, a user's teams" },
  environment: { summary: 'environment variables rcuser reads' },
  'exit-codes': { summary: 'what each exit code means' },
};

export const TOPIC_NAMES: readonly string[] = Object.keys(HELP_TOPICS);

/** The topics and their summaries, one a line, for the help texts. */
export const TOPICS_LIST = TOPIC_NAMES.map((t) => `  ${t.padEnd(12)} ${HELP_TOPICS[t]!.summary}`).join('\n');

/**
 * `rcuser help [command|topic]`, replacing commander's help command, which only knows commands.
 * `program` is the root whose commands it explains.
 */
export function makeHelpCommand(ctx: Context, program: Command): Command {
  return (
    new Command('help')
      .description('show help for a command, or a help topic')
      // completionWords: offered by shell completion (src/commands/completion/spec.ts), which imports nothing from here.
      .addArgument(
        Object.assign(new Argument('[topic...]', 'a command (and subcommand: help profiles rename) or a help topic'), {
          completionWords: TOPIC_NAMES,
        }),
      )
      .addHelpText(
        'after',
        `
Topics:
${TOPICS_LIST}

Examples:
  rcuser help info           the flags and examples of \`rcuser info\`
  rcuser help credentials    which server and credentials a command uses
  rcuser help environment    every environment variable rcuser reads
  rcuser help exit-codes     what each exit code means, for scripts`,
      )
      .action(async (words: string[]) => {
        const [topic, ...sub] = words;
        if (topic === undefined) return program.outputHelp();
        if (sub.length === 0 && Object.hasOwn(HELP_TOPICS, topic)) {
          const { TOPIC_TEXTS } = await import('./topics.js');
          return void ctx.io.stdout.write(asciiText(TOPIC_TEXTS[topic]!, ctx.io.ascii));
        }
        let cmd = program.commands.find((c) => c.name() === topic || c.aliases().includes(topic));
        // `rcuser help profiles rename`: walk down to the subcommand, as `gh help repo view` does.
        for (const [i, name] of sub.entries()) {
          if (!cmd) break;
          const next: Command | undefined = cmd.commands.find((c) => c.name() === name || c.aliases().includes(name));
          if (!next) {
            const names = cmd.commands.map((c) => c.name());
            const path = [topic, ...sub.slice(0, i)].join(' ');
            const which = names.length ? `: choose ${names.join(', ')}${didYouMean(name, names)}` : ' (it has none)';
            throw new UsageError(`no subcommand "${name}" of rcuser ${path}${which}`);
          }
          cmd = next;
        }
        if (cmd) return cmd.outputHelp();
        const known = [...program.commands.map((c) => c.name()).filter((n) => !n.startsWith('_')), ...TOPIC_NAMES];
        throw new UsageError(
          `no command or help topic named "${topic}"${didYouMean(topic, known)}`,
          `try one of: ${known.join(', ')}`,
        );
      })
  );
}
