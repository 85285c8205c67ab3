import { flag, type CommandOptions } from '../../cmdutil/flags.js';

/** The flags of `rcuser status`, declared once. */
export const STATUS_FLAGS = {
  json: flag.boolean('--json', 'print the results as a JSON array'),
};

export type StatusOptions = CommandOptions<typeof STATUS_FLAGS>;
