import { LISTING_FLAGS, type CommandOptions } from '../../cmdutil/flags.js';

/** `search` has no flags of its own beyond those it shares with `list`. */
export const SEARCH_FLAGS = LISTING_FLAGS;

export type SearchOptions = CommandOptions<typeof SEARCH_FLAGS> & {
  /** The positional argument: what to look for. */
  term: string;
};
