import { expect } from 'vitest';

/** The error `p` rejects with, checked to be a `type` (fails the test if `p` resolves). */
export async function rejection<E extends Error>(
  p: Promise<unknown>,
  type: abstract new (...args: never[]) => E,
): Promise<E> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(type);
  return err as E;
}
