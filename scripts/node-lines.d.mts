export declare const MATRIX_MAJORS: number[];
export declare function cacheRoot(): string;
export declare function newestVersions(majors: number[], log?: (line: string) => void): string[];
export declare function ensureNode(version: string, log?: (line: string) => void): string;
export declare function matrixNodes(
  majors?: number[],
  log?: (line: string) => void,
): Array<{ major: number; version: string; bin: string }>;
