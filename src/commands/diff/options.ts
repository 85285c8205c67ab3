/** The flags of `rcuser diff`. */
export interface DiffOptions {
  json?: boolean;
  exitCode?: boolean;
}
