import type { Config } from '../../config/env.js';

export async function runTelegram(_config: Config): Promise<void> {
  throw new Error('Telegram channel not built yet');
}
