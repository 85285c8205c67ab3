export const LAZY_BUILTINS: Record<string, () => string>;
export function standInSource(id: string): string;
