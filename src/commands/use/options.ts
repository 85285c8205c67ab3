import type { CommandOptions } from '../../cmdutil/flags.js';

export type UseOptions = CommandOptions<{}> & {
  /** The positional argument: the profile to make active. */
  name: string;
};
