const queues = new Map<string, Promise<unknown>>();

/**
 * Runs `fn` after every earlier call with the same key in this process has finished
 * (a per-key mutex: one chat's turns, one lease, one record at a time). With nothing queued
 * under the key, `fn` starts at once: this runs for every update, and waiting a microtask for
 * an idle key bought nothing. A call that fails does not hold up the next one.
 */
export function serialized<T>(key: string, fn: () => Promise<T>): Promise<T> {
  const previous = queues.get(key);
  const run = previous ? previous.then(fn, fn) : start(fn);
  queues.set(key, run);
  const release = () => {
    if (queues.get(key) === run) queues.delete(key);
  };
  run.then(release, release);
  return run;
}

/** `fn()`, with a synchronous throw turned into a rejection (as `then` would). */
function start<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return fn();
  } catch (error) {
    return Promise.reject(error);
  }
}
