import type { CommandOptions } from '../../cmdutil/flags.js';

/** `rcuser logout` has no flags of its own: --profile is global. */
export const LOGOUT_FLAGS = {};

export type LogoutOptions = CommandOptions<typeof LOGOUT_FLAGS>;
