const queues = new Map<string, Promise<unknown>>();

/**
 * Runs `fn` after every earlier call with the same key in this process has finished
 * (a per-key mutex: one chat's turns, one lease, one record at a time).
 */
export function serialized<T>(key: string, fn: () => Promise<T>): Promise<T> {
  const previous = queues.get(key) ?? Promise.resolve();
  const run = previous.then(fn, fn);
  const settled = run.then(
    () => undefined,
    () => undefined,
  );
  queues.set(key, settled);
  void settled.then(() => {
    if (queues.get(key) === settled) queues.delete(key);
  });
  return run;
}
