/**
 * Contact details from a free-text message ("我叫王小明，手机13912345678，微信 wxm_2024，工作日晚上联系").
 * Phone and email are ALWAYS taken by rule (validated). Name, WeChat id and contact time come from the
 * LLM when one is configured and its value appears verbatim in the text; otherwise from the rules.
 * Any LLM value not present verbatim in the text is dropped.
 */
import { z } from 'zod';
import type { LlmConfig } from '../config/env.js';
import { MOBILE_PATTERN } from '../leads/lead-schema.js';
import type { Logger } from '../util/logger.js';
import {
  classifyLlmError,
  createLlmClient,
  describeLlmError,
  isLlmClient,
  reportLlmCall,
  withDeadline,
  type LlmClient,
} from './client.js';
import { EXTRACT_SYSTEM_PROMPT, extractUserMessage, maskMobiles } from './prompts.js';

export interface LeadContact {
  name?: string;
  phone?: string;
  wechat?: string;
  email?: string;
  contactTime?: string;
}

/** WeChat id: 6-20 characters, a letter first, then letters, digits, _ or -. */
export const WECHAT_ID_PATTERN = /^[a-zA-Z][-_a-zA-Z0-9]{5,19}$/;
const EMAIL_IN_TEXT = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/;

export function isValidMobile(phone: string): boolean {
  return MOBILE_PATTERN.test(phone);
}

/** The structured-output schema (strict mode: every field present, null when absent). */
export const LeadExtractionSchema = z.object({
  name: z.string().nullable(),
  phone: z.string().nullable(),
  wechat: z.string().nullable(),
  email: z.string().nullable(),
  contactTime: z.string().nullable(),
});
export type LeadExtraction = z.infer<typeof LeadExtractionSchema>;

// ---------------------------------------------------------------- rules

const COMMON_SURNAMES = new Set(
  ('王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由')
    .split(''),
);
const COMPOUND_SURNAMES = ['欧阳', '司马', '诸葛', '上官', '东方', '皇甫', '尉迟', '公孙', '慕容', '令狐', '长孙', '宇文', '司徒', '夏侯', '端木'];
/** Words that end a name run: 我叫王小明手机… → 王小明. */
const AFTER_NAME = /(手机|电话|微信|邮箱|联系|今年|是|在|的|，|,|。|\s|号码|工作|目前|现在|想|要|来自)/;

function isChineseName(candidate: string): boolean {
  if (!/^[\u4e00-\u9fa5·]{2,4}$/.test(candidate)) return false;
  return COMPOUND_SURNAMES.some((s) => candidate.startsWith(s) && candidate.length >= 3) || COMMON_SURNAMES.has(candidate[0]!);
}

function ruleName(text: string): string | undefined {
  const cn = /(?:我叫|我的名字是|名字是|名字叫|姓名[:：是]?|我是|本人|叫我)\s*([\u4e00-\u9fa5·]{2,8})/g;
  for (const m of text.matchAll(cn)) {
    const cut = m[1]!.split(AFTER_NAME)[0]!;
    for (const length of [cut.length, 4, 3, 2]) {
      const candidate = cut.slice(0, length);
      if (length <= cut.length && isChineseName(candidate)) return candidate;
    }
  }
  const en = /(?:my name is|i am|i'm|name\s*[:：])\s*([A-Z][a-z]+(?: [A-Z][a-z]+){0,2})/;
  const m = en.exec(text);
  return m?.[1];
}

function rulePhone(text: string): string | undefined {
  const pattern = /(?<![\d])(?:\+?86[-\s]?)?(1[3-9]\d)[-\s]?(\d{4})[-\s]?(\d{4})(?!\d)/g;
  for (const m of text.matchAll(pattern)) {
    const phone = `${m[1]}${m[2]}${m[3]}`;
    if (isValidMobile(phone)) return phone;
  }
  return undefined;
}

function ruleEmail(text: string): string | undefined {
  return EMAIL_IN_TEXT.exec(text)?.[0];
}

function ruleWechat(text: string, phone: string | undefined): string | undefined {
  const labelled = /(?:微信号?|weixin|wechat|wx|vx|v信|薇信)\s*(?:号|id)?\s*(?:是|为|[:：])?\s*([a-zA-Z][-_a-zA-Z0-9]{5,19})(?![-_a-zA-Z0-9])/i.exec(text);
  if (labelled) return labelled[1];
  const samePhone = /(?:微信|wechat)\s*(?:号)?\s*(?:同|和|跟)(?:手机|电话)?号|(?:手机|电话)(?:号)?\s*(?:同|即|就是)微信|(?:微信|wechat)\s*(?:号)?\s*(?:就是|也是|同)\s*(?:手机|电话)/i;
  if (phone && samePhone.test(text)) return phone;
  const phoneWechat = /(?:微信|wechat)\s*(?:号)?\s*(?:是|为|[:：])?\s*(1[3-9]\d{9})(?!\d)/i.exec(text);
  return phoneWechat?.[1];
}

const WEEK = '(?:工作日|周末|双休日|节假日|平时|每天|周[一二三四五六日天](?:\\s*(?:到|至|-|~)\\s*周[一二三四五六日天])?|星期[一二三四五六日天](?:\\s*(?:到|至|-|~)\\s*星期[一二三四五六日天])?)';
const DAYPART = '(?:早上|上午|中午|午休|下午|傍晚|晚上|晚间|白天|夜里)';
const CLOCK = '(?:\\d{1,2}(?:[:：]\\d{2}|点半?|点)?\\s*(?:到|至|-|~)\\s*\\d{1,2}(?:[:：]\\d{2}|点半?|点)?|\\d{1,2}(?:[:：]\\d{2}|点半?)\\s*(?:以后|之后|后|以前|之前|前)?)';
const CONTACT_TIME = new RegExp(
  `(?:随时|全天|任何时间)|(?:${WEEK}\\s*(?:的)?\\s*(?:${DAYPART})?\\s*(?:${CLOCK})?|${DAYPART}\\s*(?:${CLOCK})?|${CLOCK})(?:\\s*(?:都可以|都行|可以|方便|比较方便|联系|打电话|来电))?`,
  'g',
);
const CONTACT_TIME_EN = /\b(?:(?:on )?(?:weekdays?|weekends?)(?: (?:mornings?|afternoons?|evenings?|nights?))?|(?:in the )?(?:mornings?|afternoons?|evenings?)|after \d{1,2}(?::\d{2})? ?(?:am|pm)?|before \d{1,2}(?::\d{2})? ?(?:am|pm)?|anytime|any time)\b/i;

function ruleContactTime(text: string): string | undefined {
  // Phone numbers and emails contain digit runs that look like clock times: blank them first.
  const blanked = text
    .replace(/(?<!\d)(?:\+?86[-\s]?)?1[3-9]\d[-\s]?\d{4}[-\s]?\d{4}(?!\d)/g, (m) => ' '.repeat(m.length))
    .replace(new RegExp(EMAIL_IN_TEXT.source, 'g'), (m) => ' '.repeat(m.length))
    .replace(/(?:微信号?|wechat|wx)\s*(?:是|为|[:：])?\s*[a-zA-Z][-_a-zA-Z0-9]{5,19}/gi, (m) => ' '.repeat(m.length));
  let best: string | undefined;
  for (const m of blanked.matchAll(CONTACT_TIME)) {
    const value = m[0].trim();
    if (value && /[^\d\s]/.test(value) && (!best || value.length > best.length)) best = value;
  }
  if (best) return best.replace(/\s*(?:都可以|都行|可以|方便|比较方便|联系|打电话|来电)$/, '').trim() || best;
  return CONTACT_TIME_EN.exec(blanked)?.[0];
}

/** The deterministic extraction: always available, no I/O. */
export function extractLeadByRules(text: string): LeadContact {
  const phone = rulePhone(text);
  const lead: LeadContact = {};
  const name = ruleName(text);
  const wechat = ruleWechat(text, phone);
  const email = ruleEmail(text);
  const contactTime = ruleContactTime(text);
  if (name) lead.name = name;
  if (phone) lead.phone = phone;
  if (wechat) lead.wechat = wechat;
  if (email) lead.email = email;
  if (contactTime) lead.contactTime = contactTime;
  return lead;
}

// ---------------------------------------------------------------- LLM

/** An LLM value is kept only if it appears verbatim in the text and has the field's shape. */
function verbatim(text: string, value: string | null | undefined, valid: (v: string) => boolean): string | undefined {
  const v = value?.trim();
  if (!v || !text.includes(v) || !valid(v)) return undefined;
  return v;
}

const validName = (v: string) => v.length <= 30 && !/\d/.test(v) && !/[@:：]/.test(v);
const validWechat = (v: string) => WECHAT_ID_PATTERN.test(v) || isValidMobile(v);
const validTime = (v: string) => v.length <= 40;

/**
 * Rules first; with an LLM (config or client), name / wechat / contactTime from its structured output
 * when verbatim in the text. Phone and email are always the rules' values. Never throws; an LLM
 * failure or timeout just leaves the rule values.
 */
export async function extractLead(
  text: string,
  llm?: LlmConfig | LlmClient,
  options: { logger?: Logger | undefined } = {},
): Promise<LeadContact> {
  const byRules = extractLeadByRules(text);
  if (!llm || !text.trim()) return byRules;
  const client = isLlmClient(llm) ? llm : await createLlmClient(llm);
  const extracted = await extractWithLlm(client, text, options.logger);
  if (!extracted) return byRules;

  const lead: LeadContact = {};
  const name = verbatim(text, extracted.name, validName) ?? byRules.name;
  const wechat = verbatim(text, extracted.wechat, validWechat) ?? byRules.wechat;
  const contactTime = verbatim(text, extracted.contactTime, validTime) ?? byRules.contactTime;
  if (name) lead.name = name;
  if (byRules.phone) lead.phone = byRules.phone;
  if (wechat) lead.wechat = wechat;
  if (byRules.email) lead.email = byRules.email;
  if (contactTime) lead.contactTime = contactTime;
  return lead;
}

async function extractWithLlm(client: LlmClient, text: string, logger: Logger | undefined): Promise<LeadExtraction | undefined> {
  const started = Date.now();
  let usage: { prompt_tokens?: number; completion_tokens?: number } | undefined;
  const report = (outcome: 'used' | 'rejected' | 'timeout' | 'error', detail: Record<string, unknown> = {}) =>
    reportLlmCall(logger, {
      kind: 'extract',
      outcome,
      model: client.model,
      latencyMs: Date.now() - started,
      promptTokens: usage?.prompt_tokens,
      completionTokens: usage?.completion_tokens,
      detail,
    });
  try {
    // Loaded with the SDK, only when an LLM is used (see loadOpenAiSdk in client.ts).
    const { zodResponseFormat } = await import('openai/helpers/zod');
    const completion = await withDeadline(client, (requestOptions) =>
      client.openai.chat.completions.parse(
        {
          model: client.model,
          temperature: 0,
          max_tokens: 300,
          messages: [
            { role: 'system', content: EXTRACT_SYSTEM_PROMPT },
            // The phone is always taken by rule: the provider never needs to see it.
            { role: 'user', content: extractUserMessage(maskMobiles(text)) },
          ],
          response_format: zodResponseFormat(LeadExtractionSchema, 'lead_contact'),
        },
        requestOptions,
      ),
    );
    usage = completion.usage ?? undefined;
    const parsed = completion.choices?.[0]?.message?.parsed;
    const checked = LeadExtractionSchema.safeParse(parsed);
    if (!checked.success) {
      report('error', { reason: 'malformed output' });
      return undefined;
    }
    const values = checked.data;
    // Phone and email are always the rules' values; only the fields the LLM may supply are judged.
    const dropped = (['name', 'wechat', 'contactTime'] as const).filter((k) => {
      const v = values[k]?.trim();
      return v && !text.includes(v);
    });
    report(dropped.length ? 'rejected' : 'used', dropped.length ? { dropped } : {});
    return values;
  } catch (error) {
    report(classifyLlmError(error), { reason: describeLlmError(error) });
    return undefined;
  }
}
