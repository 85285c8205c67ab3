import { CommanderError, type Command } from 'commander';
import { errorNotes, type Context } from './cmdutil/context.js';
import { CliError, ExitCode, InterruptedError, UsageError } from './errors.js';
import { safeMessage } from './render/message.js';
import { asciiText } from './render/glyphs.js';
import { clean } from './render/text.js';
import { createProgram } from './root/program.js';
import { usageFooter } from './root/usage-voice.js';

/**
 * Parse, run, and turn whatever was thrown into an exit code: the one place that does so.
 * Returns the exit code; bin/rcuser.js sets it on the process.
 */
export async function main(argv: string[], ctx: Context): Promise<number> {
  const program = createProgram(ctx);
  // Bare `rcuser` asks what it can do: the help, on stdout, as a success (as `gh` does).
  if (argv.length === 0) {
    program.outputHelp();
    return ExitCode.ok;
  }
  // The command being run, so a usage error thrown from its code ends with its --help, as commander's do.
  let running: Command = program;
  program.hook('preAction', (_root, action) => {
    running = action;
  });
  try {
    await program.parseAsync(argv, { from: 'user' });
    // A write that failed after the command was done (a disk that filled up) still counts.
    await ctx.io.flush();
    return ctx.exitCode;
  } catch (err) {
    // Interrupted is the one error after which what was printed stands (a batch's rows so far): written out first.
    if (err instanceof InterruptedError) await ctx.io.flush().catch(() => undefined);
    return report(ctx, err, running);
  } finally {
    await ctx.cleanup();
  }
}

function report(ctx: Context, err: unknown, running: Command): number {
  const { stderr } = ctx.io;
  if (err instanceof CommanderError) {
    // commander has already printed its message (or the help/version text).
    if (
      err.code === 'commander.helpDisplayed' ||
      err.code === 'commander.version' ||
      (err.code === 'commander.help' && err.exitCode === 0)
    )
      return ExitCode.ok;
    return ExitCode.usage;
  }
  if (err instanceof CliError) {
    const text = (s: string) => asciiText(s, ctx.io.ascii);
    stderr.write(`rcuser: ${text(safeMessage(err.message))}\n`);
    // Hints are rcuser's own advice (one shows `http://user:password@proxy` as the form to use),
    // some on several lines; what a server may have put in them is escaped line by line.
    if (err.hint)
      stderr.write(
        `  ${err.hint
          .split('\n')
          .map((l) => text(clean(l, 2000)))
          .join('\n')}\n`,
      );
    for (const note of errorNotes(ctx)) stderr.write(`  note: ${clean(note, 2000)}\n`);
    if (ctx.env.RCUSER_DEBUG === '1' && err.cause) stderr.write(`${describe(err.cause)}\n`);
    if (err instanceof UsageError) stderr.write(usageFooter(running));
    return err.exitCode;
  }
  stderr.write(`rcuser: unexpected error: ${safeMessage(err instanceof Error ? err.message : String(err))}\n`);
  if (ctx.env.RCUSER_DEBUG === '1') stderr.write(`${describe(err)}\n`);
  else stderr.write('  this is a bug in rcuser; run again with RCUSER_DEBUG=1 for details and report it\n');
  return ExitCode.failure;
}

function describe(err: unknown): string {
  return err instanceof Error ? (err.stack ?? err.message) : String(err);
}
