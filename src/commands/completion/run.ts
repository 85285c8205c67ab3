import type { Command } from 'commander';
import { bashScript } from './bash.js';
import { fishScript } from './fish.js';
import { programSpec, type SHELLS } from './spec.js';
import { zshScript } from './zsh.js';

/** The completion script for `shell`, describing `program` as it is right now. */
export function runCompletion(shell: (typeof SHELLS)[number], program: Command): string {
  const spec = programSpec(program);
  switch (shell) {
    case 'bash':
      return bashScript(spec);
    case 'zsh':
      return zshScript(spec);
    case 'fish':
      return fishScript(spec);
  }
}
