/**
 * npm start: Telegram when TELEGRAM_BOT_TOKEN is set (polling, or webhook with WEBHOOK_URL),
 * otherwise the terminal chat after one line telling how to connect Telegram.
 */
import { runTerminalChat } from '../channels/terminal/run-terminal-chat.js';
import { loadConfig } from '../config/env.js';
import { runCli } from './cli-support.js';

runCli(async () => {
  const config = loadConfig();
  if (config.telegram.mode === 'none') {
    process.stderr.write(
      '未设置 TELEGRAM_BOT_TOKEN，进入终端对话模式；在 .env 中设置 TELEGRAM_BOT_TOKEN 即可连接 Telegram（见 README）。No TELEGRAM_BOT_TOKEN: terminal chat; set it in .env to connect Telegram.\n',
    );
    await runTerminalChat(config, { user: 'local', json: false });
    return;
  }
  const { runTelegram } = await import('../channels/telegram/run-telegram.js');
  await runTelegram(config);
});
