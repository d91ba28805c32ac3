/**
 * How tests start a TypeScript entry point: ONE node process with the tsx loader. (The `tsx` CLI
 * starts the script in a second process, so a SIGKILL sent to it would not kill the bot itself.)
 */
export function nodeWithTsx(script: string, args: readonly string[] = []): [string, string[]] {
  return [process.execPath, ['--import', 'tsx', script, ...args]];
}
