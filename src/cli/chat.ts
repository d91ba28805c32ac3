/**
 * npm run chat -- [--user ID] [--json]
 * The intake conversation in the terminal. Interactive on a terminal; with piped input, one user
 * message per line, each answered as soon as it arrives. The conversation is stored, so running
 * again with the same --user continues where it stopped.
 */
import { runTerminalChat } from '../channels/terminal/run-terminal-chat.js';
import { loadConfig } from '../config/env.js';
import { parseArgs, runCli } from './cli-support.js';

runCli(async () => {
  const { flags } = parseArgs(process.argv.slice(2), ['user']);
  const user = flags.get('user');
  await runTerminalChat(loadConfig(), { user: typeof user === 'string' ? user : 'local', json: flags.has('json') });
});
