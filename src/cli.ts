#!/usr/bin/env node
// Thin entry: parse argv, pick the command, lazy-import it. Nothing heavy is imported at the top.
const VERSION = '0.1.0';
const argv = process.argv.slice(2);
// `exotrunk … | head` closes the pipe early: that is not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  process.stdout.write(`${VERSION}\n`);
} else {
  const { main } = await import('./commands/index.js');
  process.exitCode = await main(argv, VERSION);
}
