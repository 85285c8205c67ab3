export declare function quoteForCmd(arg: string): string;
export declare function commandFor(
  command: string,
  args: string[],
  platform?: string,
  comspec?: string,
): { file: string; args: string[]; options: { windowsVerbatimArguments?: boolean } };
