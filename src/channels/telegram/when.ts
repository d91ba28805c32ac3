import { Composer, type Context, type MiddlewareFn, type MiddlewareObj } from 'grammy';
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
  const handle = handlers.length === 1 ? handlers[0]! : inSequence(...handlers);
  return (ctx, next) => (predicate(ctx) ? handle(ctx, next) : next());
}

/**
 * Middleware run one after another, each deciding whether to call `next` — the order and meaning
 * of `composer.use(a, b, c)`. grammY chains them through an async wrapper per step (a closure, a
 * flag and a promise each, for every update); here one `next` function per update walks the list.
 * Unlike grammY's chain it does not detect a middleware calling `next` twice: ours call it once.
 */
export function inSequence<C extends Context>(...parts: Array<MiddlewareFn<C> | MiddlewareObj<C>>): MiddlewareFn<C> {
  const steps = parts.map((p) => (typeof p === 'function' ? p : p.middleware()));
  if (steps.length === 1) return steps[0]!;
  return (ctx, next) => {
    let at = 0;
    const step = (): Promise<void> => (at < steps.length ? (Promise.resolve(steps[at++]!(ctx, step)) as Promise<void>) : next());
    return step();
  };
}

/** One feature: its middleware in order, as a Composer (the unit createBot assembles). */
export function feature(...parts: Array<MiddlewareFn<BotContext>>): Composer<BotContext> {
  return new Composer<BotContext>(inSequence(...parts));
}
