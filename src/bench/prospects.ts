import type { Update } from 'grammy/types';
import { QUESTIONS, type QuestionId } from '../../flows/questions.js';
import { createServices, type Services } from '../app/services.js';
import { createBot } from '../channels/telegram/create-bot.js';
import { offlineBotInfo } from '../channels/telegram/offline-bot-info.js';
import { parseConfig, type Config } from '../config/env.js';
import type { KnowledgeBase } from '../knowledge/knowledge-base.js';
import { messages } from '../locale/messages.js';
import { createLogger } from '../util/logger.js';
import { RecordingApi, type LastMessage } from './recording-api.js';
import { pick, seededRandom } from './stats.js';

/** The bot's own user in every simulated update. */
export const BENCH_BOT_INFO = offlineBotInfo(4242, 'Bench Bot', 'bench_points_bot');

/** A Telegram configuration that never reaches the network (every call goes to a transformer). */
function benchConfig(storageUrl: string): Config {
  return parseConfig({ TELEGRAM_BOT_TOKEN: '123456:BENCH-token', STORAGE_URL: storageUrl });
}

/** Rate limiting stays in the pipeline but never trips: 1,000 prospects send fast on purpose. */
const NO_FLOOD_LIMIT = { limit: 1_000_000_000, timeFrameMs: 10_000 } as const;

interface BenchBot {
  services: Services;
  bot: ReturnType<typeof createBot>;
  api: RecordingApi;
}

/** The real bot (createBot, every feature) over real services on `storageUrl`, replying into a RecordingApi (see `tracksChats` there). */
export async function benchBot(storageUrl: string, tracksChats = false): Promise<BenchBot> {
  const config = benchConfig(storageUrl);
  const logger = createLogger('silent');
  const services = await createServices(config, logger);
  const api = new RecordingApi(tracksChats);
  const bot = createBot(config, { core: services.core, logger, botInfo: BENCH_BOT_INFO, transformers: [api.transformer], rateLimit: NO_FLOOD_LIMIT });
  return { services, bot, api };
}

const FIRST_PROSPECT_ID = 500_000;
const zh = messages('zh');
const PROMPTS = QUESTIONS.map((q) => ({ id: q.id, prompt: (zh.questions[q.id] as { prompt: string }).prompt }));

/** One Telegram user of the simulation, with the update ids and message ids a real client would produce. */
class Prospect {
  private messageId = 1;
  steps = 0;
  readonly persona: Persona;

  constructor(
    readonly id: number,
    random: () => number,
  ) {
    this.persona = makePersona(random);
  }

  get from() {
    return { id: this.id, is_bot: false, first_name: 'P', language_code: 'zh-hans' };
  }

  get chat() {
    return { id: this.id, type: 'private' as const, first_name: 'P' };
  }

  text(updateId: number, text: string): Update {
    const command = text.startsWith('/') ? { entities: [{ type: 'bot_command', offset: 0, length: text.split(/\s/)[0]!.length }] } : {};
    return {
      update_id: updateId,
      message: { message_id: this.messageId++, date: 1_700_000_000, chat: this.chat, from: this.from, text, ...command },
    } as unknown as Update;
  }

  press(updateId: number, data: string, on: LastMessage): Update {
    return {
      update_id: updateId,
      callback_query: {
        id: `cb${updateId}`,
        from: this.from,
        chat_instance: String(this.id),
        data,
        message: {
          message_id: on.message_id,
          date: 1_700_000_000,
          chat: this.chat,
          from: BENCH_BOT_INFO,
          text: on.text,
          ...(on.keyboard ? { reply_markup: on.keyboard } : {}),
        },
      },
    } as unknown as Update;
  }
}

interface Persona {
  permit: boolean;
  age: number;
  education: string;
  title: string;
  socialMonths: number;
  baseTier: string;
  spouse: string;
  bonus: boolean;
  /** Chance of a side question before an answer. */
  curiosity: number;
}

function makePersona(random: () => number): Persona {
  return {
    permit: random() > 0.04,
    age: 22 + Math.floor(random() * 26),
    education: pick(random, ['bachelor_degree', 'bachelor_degree', 'master', 'college', 'bachelor', 'doctor']),
    title: pick(random, ['none', 'none', 'mid', 'skill3', 'skill4']),
    socialMonths: 7 + Math.floor(random() * 110),
    baseTier: pick(random, ['none', '0.8x', '1x', '2x', '3x']),
    spouse: pick(random, ['single', 'notHukou', 'hukou']),
    bonus: random() < 0.3,
    curiosity: 0.05 + random() * 0.15,
  };
}

/** Typed questions a prospect asks on the way: curated phrasings, made question-like so the core treats them as side questions. */
export function sideQuestions(kb: KnowledgeBase): string[] {
  const out: string[] = [];
  for (const entry of kb.entries) {
    for (const q of entry.questions) if (/[\u3400-\u9fff]/.test(q) && q.length >= 8) out.push(/[?？]$/.test(q) ? q : `${q}？`);
  }
  return out;
}

function pendingOf(last: LastMessage | undefined): QuestionId | undefined {
  if (!last) return undefined;
  return PROMPTS.find((p) => last.text.includes(p.prompt))?.id;
}

function buttonWhere(on: LastMessage | undefined, test: (data: string) => boolean): string | undefined {
  for (const row of on?.keyboard?.inline_keyboard ?? []) {
    for (const b of row) if ('callback_data' in b && test(b.callback_data)) return b.callback_data;
  }
  return undefined;
}

type Step = { text: string } | { data: string };

/** What the prospect does next, reading the chat as a person would (the newest message and its buttons). */
function nextStep(p: Prospect, random: () => number, last: LastMessage | undefined, keyboard: LastMessage | undefined, asks: string[]): Step {
  if (p.steps === 0) return { text: '/start' };
  const start = buttonWhere(keyboard, (d) => d.startsWith('s:'));
  const pending = pendingOf(last);
  if (!pending) {
    if (start && keyboard === last) return { data: start };
    // The questionnaire is over (estimate shown or not eligible): browse the FAQ menu or ask.
    const entry = buttonWhere(keyboard, (d) => d.startsWith('fe:') && random() < 0.3) ?? buttonWhere(keyboard, (d) => d.startsWith('fe:'));
    if (entry && keyboard === last) return { data: entry };
    const topic = buttonWhere(keyboard, (d) => d.startsWith('ft:') && random() < 0.2) ?? buttonWhere(keyboard, (d) => d.startsWith('ft:'));
    if (topic && keyboard === last) return { data: topic };
    return random() < 0.4 ? { text: '/faq' } : { text: pick(random, asks) };
  }
  if (p.steps > 2 && random() < p.persona.curiosity) return { text: pick(random, asks) };
  const press = (value: string): Step => {
    const data = buttonWhere(keyboard, (d) => {
      const [kind, , question, v] = d.split(':');
      return kind === 'a' && question === pending && v === value;
    });
    if (!data) throw new Error(`prospect ${p.id}: no button ${pending}=${value} on "${keyboard?.text.slice(0, 40)}"`);
    return { data };
  };
  const persona = p.persona;
  switch (pending) {
    case 'residencePermit':
      return press(persona.permit ? '1' : '0');
    case 'employeeInsurance':
      return press('1');
    case 'insuredMonthsLast12':
      return random() < 0.6 ? press('12') : { text: `${6 + Math.floor(random() * 7)}个月` };
    case 'outOfTownBranch':
      return press('0');
    case 'age':
      return { text: random() < 0.5 ? String(persona.age) : `${persona.age}岁` };
    case 'education':
      return press(persona.education);
    case 'degreeMode':
      return press(random() < 0.8 ? 'fullTime' : 'partTime');
    case 'title':
      return press(persona.title);
    case 'titleBaseOk':
      return press(random() < 0.5 ? '1' : '0');
    case 'socialInsuranceMonths':
      return random() < 0.5 ? press(pick(random, ['12', '24', '36', '60'])) : { text: String(persona.socialMonths) };
    case 'baseTier':
      return press(persona.baseTier);
    case 'spouse':
      return press(persona.spouse);
    case 'spouseHukouYears':
      return press(pick(random, ['1', '3', '5', '10']));
    case 'bonuses': {
      if (!persona.bonus) return press('');
      const done = buttonWhere(keyboard, (d) => d.startsWith('m:'));
      if (done) return { data: done };
      return { data: buttonWhere(keyboard, (d) => d.startsWith('t:') && d.endsWith(':shortageMajor'))! };
    }
    case 'penalties':
      return press('');
    case 'stage':
      return press(pick(random, ['notStarted', 'accountOpened', 'submitted', 'approved']));
    case 'jobChange':
      return press(random() < 0.3 ? '1' : '0');
    case 'wantsConsultant':
      return press('0');
    default: {
      const any = buttonWhere(keyboard, (d) => d.startsWith('a:'));
      return any ? { data: any } : { text: '不清楚' };
    }
  }
}

export interface Script {
  updates: Update[];
  prospects: number;
  /** The prospects' chat ids (private chat id = user id). */
  chatIds: number[];
  /** sendMessage calls the generating run made: every replay of the script must make as many. */
  replies: number;
}

/**
 * Builds the benchmark's updates by letting `prospects` simulated people talk to the real bot
 * (memory storage), round-robin, `perProspect` updates each: /start, the start button, the
 * questionnaire answered by pressing the buttons the bot offered (their real callback data) or by
 * typing, side questions on the way, and after the estimate the FAQ menu and more questions.
 * The result is replayed by every timed run, so all of them see identical input.
 */
export async function generateScript(options: {
  prospects: number;
  perProspect: number;
  seed: number;
  /** Keep the updates (default true); off when only the live conversations matter. */
  keep?: boolean;
  /** Runs on the services after the last update, before storage closes. */
  beforeClose?: (services: Services) => Promise<void>;
}): Promise<Script> {
  const random = seededRandom(options.seed);
  const { services, bot, api } = await benchBot('memory://', true);
  const asks = sideQuestions(services.kb);
  const people = Array.from({ length: options.prospects }, (_, i) => new Prospect(FIRST_PROSPECT_ID + i, random));
  const updates: Update[] = [];
  let updateId = 1;
  try {
    for (let round = 0; round < options.perProspect; round++) {
      for (const p of people) {
        const step = nextStep(p, random, api.last.get(p.id), api.lastKeyboard.get(p.id), asks);
        const update = 'text' in step ? p.text(updateId++, step.text) : p.press(updateId++, step.data, api.lastKeyboard.get(p.id)!);
        p.steps++;
        if (options.keep !== false) updates.push(update);
        await bot.handleUpdate(update);
      }
    }
    await options.beforeClose?.(services);
  } finally {
    await services.close();
  }
  return { updates, prospects: people.length, chatIds: people.map((p) => p.id), replies: api.sent };
}
