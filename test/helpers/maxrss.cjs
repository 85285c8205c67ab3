// Preloaded into a CLI run (NODE_OPTIONS=--require): writes the process's peak resident set size
// in KiB to RCUSER_TEST_MAXRSS_FILE at exit, for memory bounds asserted from outside.
const fs = require('node:fs');
process.on('exit', () => {
  const file = process.env.RCUSER_TEST_MAXRSS_FILE;
  if (file) fs.writeFileSync(file, String(process.resourceUsage().maxRSS));
});
