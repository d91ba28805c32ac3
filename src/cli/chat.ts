/**
 * npm run chat -- [--user ID] [--json]
 * The intake conversation in the terminal. Interactive on a terminal; with piped input, one user
 * message per line, each answered as soon as it arrives. The conversation is stored, so running
 * again with the same --user continues where it stopped.
 */
import { buildFaqIndexWhenIdle } from '../app/services.js';
import { runTerminalChat } from '../channels/terminal/run-terminal-chat.js';
import { loadConfig } from '../config/env.js';
import { parseArgs, runCli } from './cli-support.js';

runCli(async () => {
  const { flags } = parseArgs(process.argv.slice(2), ['user']);
  const user = flags.get('user');
  // A person waits for the greeting, which needs no FAQ index: build it right after.
  buildFaqIndexWhenIdle();
  await runTerminalChat(loadConfig(), { user: typeof user === 'string' ? user : 'local', json: flags.has('json') });
});
