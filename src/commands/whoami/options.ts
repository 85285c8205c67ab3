import { flag, type CommandOptions } from '../../cmdutil/flags.js';

/** The flags of `rcuser whoami`, declared once. */
export const WHOAMI_FLAGS = {
  json: flag.boolean('--json', 'print the answer as a JSON object'),
};

export type WhoamiOptions = CommandOptions<typeof WHOAMI_FLAGS>;
