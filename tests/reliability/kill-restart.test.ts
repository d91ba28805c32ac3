import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/bench/stats.js';
import { TerminalChat } from '../../src/channels/terminal/terminal-chat.js';
import { LeadStore } from '../../src/leads/lead-store.js';
import { openStore, type Store } from '../../src/storage/open-store.js';
import { BACHELOR_35, createHarness } from '../helpers/core-harness.js';
import { tempSqliteUrl } from '../helpers/temp-sqlite.js';
import { KillableChat, conversationState, delay } from './support.js';

/** Five scripted conversations, each ending with the answer that produces the estimate. */
const SCRIPTS: Record<string, string[]> = {
  bachelor35: ['/start', '开始评估', ...BACHELOR_35],
  master29: ['/start', '开始评估', '是', '是', '12个月', '否', '29', '硕士', '全日制', '中级职称', '是', '60', '1–2倍', '是，上海户籍', '3年', '都没有', '都没有'],
  college41: ['/start', '开始评估', '是', '是', '8', '否', '41', '大专', '非全日制（自考/成考/网教等）', '三级（高级工）', '5年及以上', '0.8–1倍', '不是', '都没有', '都没有'],
  doctor33: ['/start', '开始评估', '是', '是', '12个月', '否', '33', '博士', '国（境）外学历', '没有', '24', '2–3倍', '未婚', '紧缺急需专业', '选好了', '都没有'],
  senior45: ['/start', '开始评估', '是', '是', '12个月', '否', '45', '本科（无学位）', '全日制', '高级职称', '否', '120', '3倍及以上', '未婚', '都没有', '都没有'],
};
const KILLS = 20;
const SEED = 424242;

const estimateOf = (replies: ReadonlyArray<{ text: string }>) => replies.find((r) => r.text.includes('积分估算'))?.text;
const totalOf = (text: string | undefined) => Number(/积分估算：(-?\d+) 分/.exec(text ?? '')?.[1]);

interface KillPoint {
  /** Lines answered before the kill. */
  after: number;
  /** Kill while the next line is being processed (it may or may not be saved), instead of between lines. */
  inFlight: boolean;
  delayMs: number;
}

/** 20 seeded kill points spread over the scripts (4 each), never in flight on the line that shows the estimate. */
function killPlan(): Map<string, KillPoint[]> {
  const random = seededRandom(SEED);
  const names = Object.keys(SCRIPTS);
  const plan = new Map<string, KillPoint[]>(names.map((n) => [n, []]));
  const per = KILLS / names.length;
  for (const name of names) {
    const length = SCRIPTS[name]!.length;
    const chosen = new Set<number>();
    while (chosen.size < per) chosen.add(1 + Math.floor(random() * (length - 1)));
    for (const after of [...chosen].sort((a, b) => a - b)) {
      const inFlight = after < length - 1 && random() < 0.5;
      plan.get(name)!.push({ after, inFlight, delayMs: Math.floor(random() * 8) });
    }
  }
  return plan;
}

/** The uninterrupted conversation in process: the stored state after each line, and the estimate. */
async function reference(lines: readonly string[]): Promise<{ states: string[]; estimate: string | undefined }> {
  const h = await createHarness('memory://', new Date());
  const chat = new TerminalChat(h.core, 'terminal:ref');
  const states = [await conversationState(h.store, 'terminal:ref')];
  let estimate: string | undefined;
  for (const line of lines) {
    estimate = estimateOf(await chat.send(line)) ?? estimate;
    states.push(await conversationState(h.store, 'terminal:ref'));
  }
  return { states, estimate };
}

describe('the bot process killed with SIGKILL mid-conversation', () => {
  it(
    'finishes every conversation with the same estimate and one identical lead as an uninterrupted run after 20 seeded kills and restarts',
    async () => {
      const plan = killPlan();
      expect([...plan.values()].flat()).toHaveLength(KILLS);
      // One sqlite file per run: a sqlite store belongs to one bot process at a time (as in production).
      const stores: Store[] = [];
      try {
        await Promise.all(
          Object.entries(SCRIPTS).map(async ([name, lines]) => {
            const ref = await reference(lines);
            expect(ref.estimate, `${name}: the reference run shows an estimate`).toBeDefined();

            // The same conversation uninterrupted in one process, for the final estimate and lead.
            const wholeUrl = tempSqliteUrl(`whole-${name}`);
            const whole = new KillableChat(`${name}-whole`, { STORAGE_URL: wholeUrl });
            let wholeEstimate: string | undefined;
            for (const line of lines) wholeEstimate = estimateOf(await whole.send(line)) ?? wholeEstimate;
            await whole.end();

            const url = tempSqliteUrl(`kill-${name}`);
            const env = { STORAGE_URL: url };
            const store = await openStore(url);
            stores.push(store);

            const user = `${name}-killed`;
            const chatId = `terminal:${user}`;
            let chat = new KillableChat(user, env);
            let next = 0;
            let estimate: string | undefined;
            for (const point of plan.get(name)!) {
              while (next < point.after) estimate = estimateOf(await chat.send(lines[next++]!)) ?? estimate;
              if (point.inFlight) {
                chat.write(lines[next]!);
                await delay(point.delayMs);
              }
              await chat.kill();
              const stored = await conversationState(store, chatId);
              if (point.inFlight && stored === ref.states[next + 1]) next++; // the line was saved before the kill
              expect(stored, `${name}: stored state after a kill at line ${next}`).toBe(ref.states[next]);
              chat = new KillableChat(user, env);
            }
            while (next < lines.length) estimate = estimateOf(await chat.send(lines[next++]!)) ?? estimate;
            await chat.end();

            expect(estimate, `${name}: estimate after kills`).toBe(wholeEstimate);
            expect(estimate).toBe(ref.estimate);
            expect(totalOf(estimate)).toBe(totalOf(wholeEstimate));
            expect(Number.isFinite(totalOf(estimate))).toBe(true);
            expect(await conversationState(store, chatId)).toBe(ref.states[lines.length]);

            // The lead: exactly one, with the same estimate as the uninterrupted run's lead.
            const wholeStore = await openStore(wholeUrl);
            stores.push(wholeStore);
            const [wholeLeads, killedLeads] = await Promise.all([new LeadStore(wholeStore.kv).list(), new LeadStore(store.kv).list()]);
            expect(killedLeads, `${name}: one lead after kills`).toHaveLength(1);
            expect(wholeLeads).toHaveLength(1);
            expect(killedLeads[0]!.chatId).toBe(chatId);
            expect(killedLeads[0]!.estimate?.total).toBe(totalOf(wholeEstimate));
            expect(killedLeads[0]!.estimate).toEqual(wholeLeads[0]!.estimate);
            expect(killedLeads[0]!.qualification).toBe(wholeLeads[0]!.qualification);
          }),
        );
      } finally {
        await Promise.all(stores.map((s) => s.close()));
      }
    },
    120_000,
  );
});
