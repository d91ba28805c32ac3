import { Composer, type MiddlewareFn } from 'grammy';
import type { BotContext } from './context.js';

/**
 * Runs `handlers` for the updates `predicate` accepts and passes the others on — what grammY's
 * `on()`, `command()`, `callbackQuery()` and `filter()` do, but those build a new Composer (and its
 * middleware chain) for every update that reaches them: with a dozen of them on the way, that was a
 * third of the memory allocated per update. Use with grammY's precompiled `Context.has.*` predicates
 * (which also set `ctx.match`, as `command()` and `callbackQuery()` do).
 */
export function when<D extends BotContext>(predicate: (ctx: BotContext) => ctx is D, ...handlers: Array<MiddlewareFn<D>>): MiddlewareFn<BotContext>;
export function when(predicate: (ctx: BotContext) => boolean, ...handlers: Array<MiddlewareFn<BotContext>>): MiddlewareFn<BotContext>;
export function when(predicate: (ctx: BotContext) => boolean, ...handlers: Array<MiddlewareFn<BotContext>>): MiddlewareFn<BotContext> {
  const handle = handlers.length === 1 ? handlers[0]! : new Composer<BotContext>(...handlers).middleware();
  return (ctx, next) => (predicate(ctx) ? handle(ctx, next) : next());
}
