import { Composer, Context, type Api } from 'grammy';
import type { BotCommand } from 'grammy/types';
import type { Logger } from '../../../util/logger.js';
import { telegramMessages } from '../../../locale/telegram.js';
import type { BotContext } from '../context.js';
import { relay, type FeatureDeps } from '../relay.js';
import { when } from '../when.js';
import type { OptionalMethods } from '../tolerate.js';

/** The commands in the menu, in menu order. Every command goes to the core as `{ kind: 'command', name }`. */
export const COMMANDS = ['start', 'restart', 'back', 'faq', 'consultant', 'help', 'privacy', 'delete'] as const;

/** `/name@bot args` → its parts; undefined when the text is not a command. */
export function parseCommand(text: string): { name: string; target?: string; args?: string } | undefined {
  const match = /^\/([A-Za-z0-9_]{1,32})(?:@([A-Za-z0-9_]+))?(?:\s+([\s\S]*))?$/.exec(text.trim());
  if (!match) return undefined;
  const args = match[3]?.trim();
  return { name: match[1]!.toLowerCase(), ...(match[2] ? { target: match[2] } : {}), ...(args ? { args } : {}) };
}

/** Known and unknown commands in private chats; the core answers unknown ones (`unknownCommand`). */
export function commandsFeature(deps: FeatureDeps): Composer<BotContext> {
  const known = Context.has.command(COMMANDS as unknown as string[]);
  return new Composer<BotContext>(
    when(Context.has.filterQuery('message:text'), async (ctx, next) => {
      // A known command was matched (target included) by grammY; anything else must start with a command entity.
      const isKnown = known(ctx);
      const entities = ctx.msg.entities;
      const parsed = isKnown || (entities?.some((e) => e.type === 'bot_command') && entities[0]?.offset === 0) ? parseCommand(ctx.msg.text) : undefined;
      if (!parsed) return isKnown ? undefined : next();
      if (!isKnown && parsed.target && parsed.target.toLowerCase() !== ctx.me.username.toLowerCase()) return; // for another bot
      await relay(ctx, deps, { kind: 'command', name: parsed.name, ...(parsed.args ? { args: parsed.args } : {}) });
    }),
  );
}

/** The command menu: Chinese by default, English for users whose Telegram is in English. */
export function commandMenu(locale: 'zh' | 'en'): BotCommand[] {
  const descriptions = telegramMessages(locale).commands;
  return COMMANDS.map((command) => ({ command, description: descriptions[command] }));
}

/** Registers the command menu (setMyCommands); a server without the method is tolerated and logged once. */
export async function registerCommands(api: Api, optional: OptionalMethods, logger: Logger): Promise<void> {
  await optional.call('setMyCommands', () => api.setMyCommands(commandMenu('zh')), { logger });
  await optional.call('setMyCommands', () => api.setMyCommands(commandMenu('en'), { language_code: 'en' }), { logger });
}
