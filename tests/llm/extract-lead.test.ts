import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { LlmConfig } from '../../src/config/env.js';
import { extractLead, extractLeadByRules } from '../../src/llm/extract-lead.js';
import { llmMetrics, resetLlmMetrics } from '../../src/llm/metrics.js';
import { startFakeOpenAiServer, userMessage, type FakeOpenAiServer } from '../helpers/fake-openai-server.js';

const MESSAGE = '我叫王小明，手机13912345678，微信 wxm_2024，工作日晚上联系';
let server: FakeOpenAiServer;
const llm = (timeoutMs = 2000): LlmConfig => ({ apiKey: 'test', baseURL: server.baseURL, model: 'fake-model', timeoutMs });

beforeAll(async () => {
  server = await startFakeOpenAiServer();
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  server.reset();
  resetLlmMetrics();
});

describe('extractLeadByRules', () => {
  it('extracts name, validated mobile, WeChat id and contact time', () => {
    expect(extractLeadByRules(MESSAGE)).toEqual({
      name: '王小明',
      phone: '13912345678',
      wechat: 'wxm_2024',
      contactTime: '工作日晚上',
    });
  });

  it('handles spaced / +86 numbers, email, "WeChat = phone" and English', () => {
    expect(extractLeadByRules('我是李娜，电话+86 138-0013-8000，微信同手机号，下午3点以后方便')).toEqual({
      name: '李娜',
      phone: '13800138000',
      wechat: '13800138000',
      contactTime: '下午3点以后',
    });
    expect(extractLeadByRules('王小明 139 1234 5678 邮箱 wxm@example.com 周一到周五 9:00-18:00 都可以')).toMatchObject({
      phone: '13912345678',
      email: 'wxm@example.com',
      contactTime: '周一到周五 9:00-18:00',
    });
    expect(extractLeadByRules('my name is Tom Lee, email tom@x.io, weekday evenings')).toEqual({
      name: 'Tom Lee',
      email: 'tom@x.io',
      contactTime: 'weekday evenings',
    });
  });

  it('rejects invalid mobiles and invents nothing', () => {
    expect(extractLeadByRules('手机12345678901，或者1391234567').phone).toBeUndefined();
    expect(extractLeadByRules('我是本科学历，社保交了3年')).toEqual({});
  });
});

describe('extractLead', () => {
  it('without an LLM equals the rules', async () => {
    expect(await extractLead(MESSAGE)).toEqual(extractLeadByRules(MESSAGE));
    expect(server.count).toBe(0);
  });

  it('with the LLM uses structured output and keeps verbatim values; phone never leaves the process', async () => {
    const text = '您好，鄙人王小明，139 1234 5678，VX：wxm_2024，下班后7点以后打给我';
    server.script({
      json: { name: '王小明', phone: '13912345678', wechat: 'wxm_2024', email: null, contactTime: '下班后7点以后' },
    });
    const lead = await extractLead(text, llm());
    expect(lead).toEqual({ name: '王小明', phone: '13912345678', wechat: 'wxm_2024', contactTime: '下班后7点以后' });
    expect(server.count).toBe(1);
    const body = server.requests[0]!.body as { response_format: { type: string; json_schema: { name: string; strict: boolean } } };
    expect(body.response_format.type).toBe('json_schema');
    expect(body.response_format.json_schema).toMatchObject({ name: 'lead_contact', strict: true });
    expect(userMessage(server.requests[0]!)).not.toContain('1234 5678');
    expect(llmMetrics.byKind.extract).toMatchObject({ calls: 1, used: 1 });
  });

  it('drops hallucinated values (a phone number not in the text, a made-up name)', async () => {
    server.script({
      json: { name: '张三', phone: '13800000000', wechat: 'zhangsan_88', email: 'zs@example.com', contactTime: '工作日晚上' },
    });
    const lead = await extractLead('手机13912345678，工作日晚上联系', llm());
    expect(lead).toEqual({ phone: '13912345678', contactTime: '工作日晚上' });
    expect(llmMetrics.byKind.extract.rejected).toBe(1);
    server.script({ json: { name: null, phone: '13800000000', wechat: null, email: null, contactTime: null } });
    expect(await extractLead('我想咨询一下积分', llm())).toEqual({});
  });

  it('falls back to the rules on HTTP 500, malformed output, and timeout', async () => {
    for (const reply of [{ status: 500 }, { text: 'not json at all' }, { json: { name: 5 } }, { delayMs: 3000, json: {} }]) {
      server.reset();
      server.script(reply);
      const started = Date.now();
      expect(await extractLead(MESSAGE, llm(700))).toEqual(extractLeadByRules(MESSAGE));
      expect(Date.now() - started).toBeLessThan(1200);
    }
    expect(llmMetrics.byKind.extract.used).toBe(0);
    expect(llmMetrics.byKind.extract.timeouts).toBe(1);
  });
});
