/**
 * Runs a one-time preparation (building the FAQ index) when nobody waits for the process: right
 * after the first handled turn has settled (in a terminal its reply is written by then, so the
 * greeting is not delayed), or `idleMs` after start-up when no turn came yet; never while a turn is
 * running. What is not warmed in time is still built on first use, so this only moves work around.
 */
export class IdleWarmUp {
  private busy = 0;
  private state: 'waiting' | 'scheduled' | 'done' = 'waiting';
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly warm: () => void,
    idleMs: number,
  ) {
    // unref: a short-lived process (end of input) exits without waiting for it.
    this.timer = setTimeout(() => this.soon(), idleMs).unref();
  }

  /** Counts `work` as a running turn; when it settles, the warm-up may run. */
  track<T>(work: Promise<T>): Promise<T> {
    if (this.state === 'done') return work;
    this.busy++;
    const settled = () => {
      this.busy--;
      this.soon();
    };
    work.then(settled, settled);
    return work;
  }

  cancel(): void {
    this.state = 'done';
    clearTimeout(this.timer);
  }

  /**
   * On the next turn of the event loop, after the code that awaited the turn has sent its reply. A
   * timer, not setImmediate: an unref'd immediate does not wake a loop blocked on input, an unref'd
   * timer does (and neither keeps a process alive that has nothing else to do).
   */
  private soon(): void {
    if (this.state !== 'waiting') return;
    this.state = 'scheduled';
    setTimeout(() => {
      if (this.state !== 'scheduled') return;
      if (this.busy > 0) {
        this.state = 'waiting'; // the running turn's end brings it back
        return;
      }
      this.cancel();
      try {
        this.warm();
      } catch {
        // The same failure surfaces, and is reported, where the index is first used.
      }
    }, 0).unref();
  }
}
