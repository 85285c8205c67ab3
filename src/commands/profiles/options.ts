import { flag, type CommandOptions } from '../../cmdutil/flags.js';

/** The flags of `rcuser profiles`, declared once. */
export const PROFILES_FLAGS = {
  json: flag.boolean('--json', 'print the profiles as a JSON array'),
};

export type ProfilesOptions = CommandOptions<typeof PROFILES_FLAGS>;

/** `rcuser profiles rename <profile> <new-name>`. */
export type RenameOptions = CommandOptions<{}> & { profile: string; newName: string };

/** `rcuser profiles remove <profile>`. */
export type RemoveOptions = CommandOptions<{}> & { name: string };
