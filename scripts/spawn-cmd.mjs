// Running npm (and an installed `rcuser`) from the tests and scripts on every OS. On Windows both
// are batch files (npm.cmd, rcuser.cmd), which Node refuses to spawn without a shell since 20.12.2
// (CVE-2024-27980): they run through cmd.exe, with each argument quoted for it. A development tool.

/** Characters cmd.exe acts on outside quotes; escaped with ^ (robvanderwoude.com/escapechars.php). */
const CMD_META = /([()\][%!^"`<>&|;, *?])/g;

/**
 * One argument for a batch file run by `cmd.exe /d /s /c "…"`: quoted as CommandLineToArgvW reads
 * it back (qntm.org/cmd; backslashes are literal except before a quote), then every character
 * cmd.exe would act on, the quotes included, escaped with ^, as cross-spawn does. A double quote
 * inside an argument is refused: a batch file re-reads its arguments (`%*`) and could not be
 * trusted to keep one (the BatBadBut class of bugs). No Windows path contains one.
 *
 * @param {string} arg
 * @returns {string}
 */
export function quoteForCmd(arg) {
  if (/["\r\n\0]/.test(arg)) throw new Error(`spawn-cmd: cannot pass ${JSON.stringify(arg)} to a batch file`);
  // Trailing backslashes would escape the closing quote: doubled, they stay backslashes.
  const quoted = `"${arg.replace(/(\\+)$/, '$1$1')}"`;
  return quoted.replace(CMD_META, '^$1');
}

/**
 * How to spawn `command` (npm, or a bin npm installed) with `args` on `platform`: on Windows its
 * .cmd through cmd.exe with verbatim arguments, elsewhere the command itself.
 *
 * @param {string} command a name on PATH or a path, without .cmd
 * @param {string[]} args
 * @param {string} [platform]
 * @param {string | undefined} [comspec] cmd.exe's path (%ComSpec%)
 * @returns {{ file: string, args: string[], options: { windowsVerbatimArguments?: boolean } }}
 */
export function commandFor(command, args, platform = process.platform, comspec = process.env.ComSpec) {
  if (platform !== 'win32') return { file: command, args, options: {} };
  const line = [`${command}.cmd`, ...args].map(quoteForCmd).join(' ');
  // /d: no AutoRun commands from the registry; /s /c "…": cmd strips exactly the outer quotes.
  return {
    file: comspec || 'cmd.exe',
    args: ['/d', '/s', '/c', `"${line}"`],
    options: { windowsVerbatimArguments: true },
  };
}
