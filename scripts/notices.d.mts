import type { Metafile } from 'esbuild';

export interface BundledPackage {
  name: string;
  version: string;
  license: string;
  dir: string;
  licenceFiles: string[];
}
export const NOTICES_FILE: string;
export function bundledInputs(metafile: Metafile): string[];
export function bundledPackages(files: Iterable<string>, cwd?: string): BundledPackage[];
export function renderNotices(packages: BundledPackage[]): string;
