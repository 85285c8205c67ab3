import { flag, type CommandOptions } from '../../cmdutil/flags.js';

/** The flags of `rcuser diff`, declared once. */
export const DIFF_FLAGS = {
  json: flag.boolean('--json', 'one JSON object per added, removed or changed user'),
  exitCode: flag.boolean('--exit-code', 'exit 1 when anything differs (as git diff --exit-code)'),
};

export type DiffOptions = CommandOptions<typeof DIFF_FLAGS> & {
  /** The positional arguments: the older and the newer list (a file, or - for stdin). */
  before: string;
  after: string;
};
