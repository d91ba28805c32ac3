import type { Logger } from '../../util/logger.js';

/**
 * Calls an optional Bot API method (typing indicator, command menu) and tolerates failure:
 * some servers (self-hosted or test emulators) answer HTTP 500 to methods they lack.
 * The first failure of each method is logged as a warning, later ones at debug level.
 */
export class OptionalMethods {
  private readonly warned = new Set<string>();

  constructor(private readonly logger: Logger) {}

  /** `from` supplies the logger (an update's context): read only on failure, so no child logger is made otherwise. */
  call(method: string, fn: () => Promise<unknown>, from?: { readonly logger: Logger }): Promise<boolean> {
    // A plain promise chain rather than an async function: answerCallbackQuery runs on every button press.
    try {
      return fn().then(succeeded, (error: unknown) => this.failed(method, error, from));
    } catch (error) {
      return Promise.resolve(this.failed(method, error, from));
    }
  }

  private failed(method: string, error: unknown, from?: { readonly logger: Logger }): false {
    const logger = from?.logger ?? this.logger;
    const description = error instanceof Error ? error.message : String(error);
    if (this.warned.has(method)) {
      logger.debug({ method, description }, 'optional Bot API method failed again');
    } else {
      this.warned.add(method);
      logger.warn({ method, description }, `Bot API method ${method} failed; the bot carries on without it (logged once)`);
    }
    return false;
  }
}

const succeeded = (): true => true;
