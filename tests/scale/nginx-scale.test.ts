/**
 * Scale-out end to end: 3 × `npm start` (node src/launch.mjs start) in webhook mode on one Redis, nginx
 * (the Debian package) round-robin in front, and the Bot API emulator delivering updates by webhook
 * to nginx like Telegram does (secret header, delivered again until acknowledged). 50 prospects answer
 * the questionnaire at the same time, each sends two messages together once (they reach two instances
 * a few ms apart and must be processed in update-id order), and one instance is SIGKILLed mid-run.
 *
 * A prospect here behaves like a person: it answers whatever the bot's newest message asks (by button
 * label, or typed), and when no answer comes for a while it sends its answer again. That is how a
 * reply lost with the killed instance is recovered (an update the killed instance processed but whose
 * replies it never sent is, rightly, not processed again when Telegram delivers it again).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TelegramServer } from 'telegram-test-api/lib/telegramServer.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeButton } from '../../src/core/button-ids.js';
import type { Lead } from '../../src/leads/lead-schema.js';
import { LeadStore } from '../../src/leads/lead-store.js';
import { messages } from '../../src/locale/messages.js';
import { openStore } from '../../src/storage/open-store.js';
import { eventually } from '../helpers/eventually.js';
import { freePort } from '../helpers/free-port.js';
import { startRedis, type RedisServer } from '../helpers/servers.js';
import { BotProcess, EmulatorUser, buttonOf, startEmulator } from '../telegram/emulator.js';

const zh = messages('zh');
const TOKEN = '100202:scale-bot';
const SECRET = 'scale-secret_1';
const CONSULTANT = 6101;
const PROSPECTS = 50;
const INSTANCES = 3;

/** The 35-year-old bachelor with degree and 36 months of insurance (129 points), by question. */
const ANSWERS: Record<string, string> = {
  residencePermit: '是',
  employeeInsurance: '是',
  insuredMonthsLast12: '12个月',
  outOfTownBranch: '否',
  age: '35',
  education: '本科+学士学位',
  degreeMode: '全日制',
  title: '没有',
  socialInsuranceMonths: '36',
  baseTier: '不到0.8倍/不清楚',
  spouse: '未婚',
  bonuses: '都没有',
  penalties: '都没有',
  stage: '还没开始',
  jobChange: '否',
  wantsConsultant: '是',
};

let redis: RedisServer;
let server: TelegramServer;
let dir: string;
let nginx: ChildProcess | undefined;
let nginxPort: number;
/** The instances, `npm start` each. */
const bots: BotProcess[] = [];

/**
 * telegram-test-api posts to the webhook without the secret header, gives two updates sent at the same
 * moment the same update_id, and lets a failed delivery become an unhandled rejection. Telegram sends
 * the header, numbers every update, and delivers again until the webhook answers 2xx: so does this.
 */
interface Sent {
  chat: number | undefined;
  text: string | undefined;
  /** Delivery attempts (more than one: an instance was killed or refused it mid-update). */
  attempts: number;
}

function deliverLikeTelegram(emulator: TelegramServer): { deliveries: number; retries: number; sent: Map<number, Sent> } {
  const stats = { deliveries: 0, retries: 0, sent: new Map<number, Sent>() };
  const s = emulator as unknown as {
    webhooks: Record<string, { url: string; secret_token?: string }>;
    updateId: number;
    messageId: number;
    getCommonFields(token: string): Record<string, unknown>;
    addUserUpdate(update: Record<string, unknown> & { botToken: string }): Promise<void>;
    storage: { userMessages: unknown[] };
  };
  const common = s.getCommonFields.bind(s);
  s.getCommonFields = (token) => {
    const fields = common(token);
    s.updateId++;
    s.messageId++;
    return fields;
  };
  s.addUserUpdate = async (update) => {
    const hook = s.webhooks[update.botToken];
    if (!hook) return void s.storage.userMessages.push(update);
    const formatted = (TelegramServer as unknown as { formatUpdate(u: unknown): unknown }).formatUpdate(update) as {
      update_id: number;
      message?: { chat?: { id: number }; text?: string };
    };
    const body = JSON.stringify(formatted);
    const sent: Sent = { chat: formatted.message?.chat?.id, text: formatted.message?.text, attempts: 0 };
    stats.sent.set(formatted.update_id, sent);
    for (let attempt = 1; ; attempt++) {
      sent.attempts = attempt;
      try {
        const res = await fetch(hook.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'X-Telegram-Bot-Api-Secret-Token': hook.secret_token ?? '' },
          body,
          signal: AbortSignal.timeout(30_000),
        });
        await res.text();
        if (res.ok) {
          stats.deliveries++;
          return;
        }
      } catch {
        // connection refused / reset / timeout: delivered again below
      }
      stats.retries++;
      if (attempt >= 60) return; // Telegram would keep trying; the test then fails on the missing answer
      await new Promise((r) => setTimeout(r, Math.min(200 * attempt, 2000)));
    }
  };
  return stats;
}

function nginxConfig(ports: number[]): string {
  return `
worker_processes 1;
daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/nginx-error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${dir}/client_body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  upstream bot_instances {
${ports.map((p) => `    server 127.0.0.1:${p} max_fails=1 fail_timeout=5s;`).join('\n')}
    keepalive 16;
  }
  server {
    listen 127.0.0.1:${nginxPort};
    location / {
      proxy_pass http://bot_instances;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      # A request to a dead instance goes to the next one: safe, updates are idempotent by update_id.
      proxy_next_upstream error timeout non_idempotent;
      proxy_next_upstream_tries 3;
      proxy_connect_timeout 2s;
      proxy_read_timeout 60s;
    }
  }
}
`;
}

/** One prospect: answers whatever the newest bot message asks; sends again when no answer comes. */
class Prospect {
  estimateSeen = false;
  done = false;
  pairSent = false;
  pairAnswered: '35 first' | '/help first' | undefined;
  resends = 0;

  constructor(readonly user: EmulatorUser) {}

  private last() {
    const all = this.user.botMessages();
    return all[all.length - 1];
  }

  /** What to do about the newest message: a press, a text, or undefined (not a question: wait). */
  private decide(): { press?: string; text?: string } | undefined {
    const all = this.user.botMessages();
    if (all.length === 0) return { text: '/start' };
    return this.decideOn(all[all.length - 1]!);
  }

  /** Like decide, on the newest message that asks something (a person scrolling up to the last question). */
  private decideScrollingUp(): { press?: string; text?: string } {
    for (const message of [...this.user.botMessages()].reverse()) {
      const action = this.decideOn(message);
      if (action) return action;
    }
    return { text: '/start' };
  }

  private decideOn(last: ReturnType<EmulatorUser['botMessages']>[number]): { press?: string; text?: string } | undefined {
    const text = last.message.text;
    if (text.includes(zh.capture.handoffStarted)) return undefined;
    if (buttonOf(last, '开始评估')) return { press: '开始评估' };
    if (text.includes(zh.capture.askTime)) return { press: '工作日晚上' };
    const phone = `139${String(this.user.id).padStart(8, '0')}`;
    if (text.includes(zh.capture.askDetails)) return { text: `王小明 ${phone}` };
    if (text.includes(zh.capture.askName)) return { text: '王小明' };
    if (text.includes(zh.capture.askReach) || text.includes(zh.capture.invalidPhone.slice(0, 8))) return { text: phone };
    if (buttonOf(last, zh.capture.consentYes)) return { press: zh.capture.consentYes };
    const question =
      last.message.reply_markup?.inline_keyboard
        .flat()
        .map((b) => decodeButton(b.callback_data ?? ''))
        .map((a) => (a && 'question' in a ? a.question : undefined))
        .find((q) => q !== undefined) ?? (text.includes(zh.questions.age.prompt) ? 'age' : undefined);
    if (!question) return undefined;
    const answer = ANSWERS[question];
    if (!answer) throw new Error(`prospect ${this.user.id}: no answer for ${question}`);
    return buttonOf(last, answer) ? { press: answer } : { text: answer };
  }

  private async act(action: { press?: string; text?: string }): Promise<void> {
    try {
      if (action.press) await this.user.press(action.press);
      else await this.user.send(action.text!);
    } catch {
      // the emulator itself refused: like a flaky network, try again on the next round
    }
  }

  async run(deadline: number): Promise<void> {
    let seen = -1;
    let lastChange = Date.now();
    for (;;) {
      if (Date.now() > deadline) {
        const trail = this.user.botMessages().slice(-8).map((m) => `${m.message.text.slice(0, 50).replace(/\n/g, ' ')} [${m.message.reply_markup?.inline_keyboard.flat().map((b) => b.callback_data).join(' ') ?? ''}]`);
        throw new Error(`prospect ${this.user.id} did not finish:\n${trail.join('\n')}`);
      }
      const count = this.user.botMessages().length;
      this.estimateSeen ||= this.user.texts().some((t) => t.includes('129 分'));
      if (this.last()?.message.text.includes(zh.capture.handoffStarted)) {
        this.done = true;
        return;
      }
      if (count !== seen) {
        seen = count;
        lastChange = Date.now();
        await new Promise((r) => setTimeout(r, 20)); // the rest of the turn's replies
        if (this.user.botMessages().length !== count) continue;
        const action = this.decide();
        if (!action) continue;
        if (action.text === '35' && !this.pairSent) {
          // Two messages sent together: the answer, and /help right behind it.
          this.pairSent = true;
          const mark = count;
          await Promise.all([this.act({ text: '35' }), this.act({ text: '/help' })]);
          void this.notePairOrder(mark);
          continue;
        }
        await this.act(action);
        continue;
      }
      if (Date.now() - lastChange > 6_000) {
        // No answer for a while (a reply lost with the killed instance): send the answer again.
        const action = this.decide() ?? this.decideScrollingUp();
        this.resends++;
        lastChange = Date.now();
        await this.act(action);
      }
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  /** Which of the two messages was answered first: 35 (→ education asked) or /help. */
  private async notePairOrder(mark: number): Promise<void> {
    const indexes = () => {
      const after = this.user.texts().slice(mark);
      return {
        help: after.findIndex((t) => t.includes(zh.help.split('\n')[0]!)),
        education: after.findIndex((t) => t.includes(zh.questions.education.prompt)),
      };
    };
    await eventually(() => indexes().help >= 0 && indexes().education >= 0, 'both answers of the pair', 20_000).catch(() => undefined);
    const { help, education } = indexes();
    if (help >= 0 && education >= 0) this.pairAnswered = education < help ? '35 first' : '/help first';
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'scale-'));
  chmodSync(dir, 0o777); // nginx workers may run as another user
  for (const sub of ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) mkdirSync(join(dir, sub), { mode: 0o777 });
  redis = await startRedis();
  server = await startEmulator();
  nginxPort = await freePort();
  const ports = await Promise.all(Array.from({ length: INSTANCES }, () => freePort()));
  const conf = join(dir, 'nginx.conf');
  writeFileSync(conf, nginxConfig(ports));
  nginx = spawn('/usr/sbin/nginx', ['-e', join(dir, 'nginx-error.log'), '-c', conf, '-p', dir], { stdio: 'ignore' });
  for (const port of ports) {
    bots.push(
      new BotProcess({
        TELEGRAM_BOT_TOKEN: TOKEN,
        TELEGRAM_API_ROOT: server.config.apiURL,
        WEBHOOK_URL: `http://127.0.0.1:${nginxPort}/hook`,
        WEBHOOK_SECRET: SECRET,
        PORT: String(port),
        STORAGE_URL: redis.url,
        CONSULTANT_CHAT_ID: String(CONSULTANT),
        CONSULTANT_IDS: String(CONSULTANT),
        LOG_LEVEL: 'debug',
      }),
    );
  }
  await Promise.all(bots.map((b) => b.started(/telegram webhook started/)));
  await eventually(async () => (await fetch(`http://127.0.0.1:${nginxPort}/healthz`).catch(() => undefined))?.ok, 'nginx to proxy', 15_000);
}, 90_000);

afterAll(async () => {
  await Promise.all(bots.map((b) => b.stop('SIGKILL')));
  if (nginx && nginx.exitCode === null) {
    // SIGTERM: the master stops its workers (SIGKILL would leave them running).
    const gone = new Promise((resolve) => nginx!.once('exit', resolve));
    nginx.kill('SIGTERM');
    await gone;
  }
  await server?.stop();
  await redis?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('three instances behind nginx on one Redis', () => {
  it('finishes 50 conversations with 129 points, keeps each chat in update-id order, processes no update twice and posts each lead card once, while one instance is killed', async () => {
    const stats = deliverLikeTelegram(server);
    const prospects = Array.from({ length: PROSPECTS }, (_, i) => new Prospect(new EmulatorUser(server, TOKEN, 7000 + i)));
    const started = Date.now();
    const deadline = started + Number(process.env.SCALE_DEADLINE_MS ?? 120_000);
    const running = prospects.map((p) => p.run(deadline));
    // Kill one instance once the prospects are well under way.
    await eventually(() => prospects.filter((p) => p.pairSent).length >= PROSPECTS / 2, 'half the prospects past the age question', 60_000);
    await bots[1]!.stop('SIGKILL');
    const outcomes = await Promise.allSettled(running);
    const elapsed = Date.now() - started;
    const failures = outcomes.filter((o) => o.status === 'rejected').map((o) => String((o as PromiseRejectedResult).reason));
    expect(failures.slice(0, 3), `${failures.length} of ${PROSPECTS} prospects did not finish`).toEqual([]);

    // Every conversation finished with the right estimate.
    expect(prospects.filter((p) => p.done)).toHaveLength(PROSPECTS);
    expect(prospects.filter((p) => !p.estimateSeen).map((p) => p.user.id)).toEqual([]);

    // No update processed twice: each update id reached the core with replies on one instance only.
    const processed = new Map<number, number>();
    let redeliveries = 0;
    const redelivered = new Set<number>();
    for (const bot of bots) {
      for (const line of bot.log.split('\n')) {
        if (!line.includes('"core answered"')) continue;
        const entry = JSON.parse(line) as { update_id: number; replies: number };
        if (entry.replies === 0) {
          redeliveries++;
          redelivered.add(entry.update_id);
        } else processed.set(entry.update_id, (processed.get(entry.update_id) ?? 0) + 1);
      }
    }
    expect([...processed].filter(([, n]) => n > 1)).toEqual([]);

    // Every lead is stored (qualified, consented) and its card was posted to the consultants exactly once.
    const store = await openStore(redis.url);
    let leads: Lead[];
    try {
      leads = await new LeadStore(store.kv, { locks: store.locks }).list();
    } finally {
      await store.close();
    }
    expect(leads).toHaveLength(PROSPECTS);
    expect(leads.every((l) => l.qualification === 'qualified' && l.consentAt !== null && l.estimate?.total === 129)).toBe(true);
    const consultant = new EmulatorUser(server, TOKEN, CONSULTANT);
    const cardsOf = () => {
      const counts = new Map<string, number>();
      for (const text of consultant.texts()) {
        const id = /🧾 线索 (L-\d{8}-\d{4})/.exec(text)?.[1];
        if (id) counts.set(id, (counts.get(id) ?? 0) + 1);
      }
      return counts;
    };
    // A card whose sender was killed mid-send waits for its lease to expire (30 s) before another instance sends it.
    await eventually(() => cardsOf().size === PROSPECTS, () => `${PROSPECTS} cards, have ${cardsOf().size}`, 60_000);
    const cards = cardsOf();
    expect([...cards.keys()].sort()).toEqual(leads.map((l) => l.id).sort());
    expect([...cards.values()].every((n) => n === 1)).toBe(true);

    // Per-chat order: of the two messages sent together, the one with the lower update_id is answered
    // first (replies are sent while the chat is held, so reply order is processing order). Pairs the
    // killed instance touched, or delivered more than once, are left out: an instance killed after
    // processing an update but before sending its replies loses them (nginx or Telegram delivers it
    // again, rightly a no-op), and the prospect's resend is then answered out of order.
    // A redelivered id too: the killed instance may have processed it without getting to log it.
    const touchedByKilled = new Set<number>(redelivered);
    for (const line of bots[1]!.log.split('\n')) {
      const id = /"update_id":(\d+)/.exec(line)?.[1];
      if (id) touchedByKilled.add(Number(id));
    }
    const pairs = prospects.map((p) => {
      const ids = (text: string) => [...stats.sent].filter(([, s]) => s.chat === p.user.id && s.text === text).map(([id]) => id);
      const age = Math.min(...ids('35'));
      const help = Math.min(...ids('/help'));
      const clean = [age, help].every((id) => stats.sent.get(id)?.attempts === 1 && !touchedByKilled.has(id));
      return { user: p.user.id, expected: age < help ? '35 first' : '/help first', answered: p.pairAnswered, clean };
    });
    const checked = pairs.filter((p) => p.clean);
    expect(checked.length, 'pairs the killed instance never saw').toBeGreaterThanOrEqual(PROSPECTS * 0.4);
    expect(checked.filter((p) => p.answered !== p.expected)).toEqual([]);
    const orders = pairs.map((p) => (p.answered === undefined ? undefined : p.answered === p.expected ? 'kept' : 'swapped'));
    console.info(
      JSON.stringify({
        elapsedMs: elapsed,
        updatesProcessed: processed.size,
        redeliveriesIgnored: redeliveries,
        webhookDeliveries: stats.deliveries,
        webhookRetries: stats.retries,
        prospectResends: prospects.reduce((n, p) => n + p.resends, 0),
        pairKept: orders.filter((o) => o === 'kept').length,
        pairSwapped: orders.filter((o) => o === 'swapped').length,
        pairsChecked: checked.length,
        pairsHelpNumberedFirst: pairs.filter((p) => p.expected === '/help first').length,
        killedInstanceUpdates: bots[1]!.log.split('\n').filter((l) => l.includes('"core answered"')).length,
      }),
    );
  }, 240_000);
});
