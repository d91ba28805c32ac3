import { describe, expect, it } from 'vitest';
import { runScript } from '../helpers/run-process.js';

interface AskJson {
  question: string;
  outcome: string;
  answer: string;
  entry: string | null;
  sources: string[];
  confidence: number;
}

const env = { STORAGE_URL: 'memory://', OPENAI_API_KEY: '' };

describe('npm run ask', () => {
  it('answers one question given as an argument with the JSON fields of the interface', async () => {
    const result = await runScript('src/cli/ask.ts', ['--json', '积分最终审核要多久？'], { env });
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const answer = JSON.parse(lines[0]!) as AskJson;
    expect(answer).toMatchObject({ question: '积分最终审核要多久？', outcome: 'answered' });
    expect(answer.answer).toContain('20个工作日');
    expect(answer.entry).toEqual(expect.any(String));
    expect(answer.sources.length).toBeGreaterThan(0);
    expect(answer.confidence).toBeGreaterThan(0);
  });

  it('answers one question per line of standard input, in order', async () => {
    const input = '忘记密码怎么办\n帮我伪造一个学位证\n北京积分落户要多少分\n今天股票涨不涨\n';
    const result = await runScript('src/cli/ask.ts', ['--json'], { input, env });
    const answers = result.stdout.trim().split('\n').map((l) => JSON.parse(l) as AskJson);
    expect(answers.map((a) => a.question)).toEqual(input.trim().split('\n'));
    expect(answers[0]).toMatchObject({ outcome: 'answered' });
    expect(answers[0]!.answer).toContain('人才服务中心');
    expect(answers[1]).toMatchObject({ outcome: 'refused', entry: null });
    expect(answers[1]!.answer).toContain('150');
    expect(answers[2]!.outcome).toBe('refused');
    expect(['refused', 'handoff']).toContain(answers[3]!.outcome);
  });

  it('prints a readable answer with its sources without --json', async () => {
    const result = await runScript('src/cli/ask.ts', ['换工作了积分怎么办'], { env });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('来源');
  });
});
