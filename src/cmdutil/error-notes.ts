/**
 * Facts every error message of this run should carry, because the person may not know them: where
 * credentials from the environment are being sent, say. Kept per context; main() prints them.
 */
const notes = new WeakMap<object, string[]>();

export function addErrorNote(ctx: object, note: string): void {
  notes.set(ctx, [...(notes.get(ctx) ?? []), note]);
}

export function errorNotes(ctx: object): readonly string[] {
  return notes.get(ctx) ?? [];
}
