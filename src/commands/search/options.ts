import { readListingOptions, type ListingOptions } from '../../cmdutil/flags.js';

/** `search` has no flags of its own beyond those it shares with `list`. */
export type SearchOptions = ListingOptions;

export const readSearchOptions = readListingOptions;
