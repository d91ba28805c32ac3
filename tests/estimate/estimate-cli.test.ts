import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** Runs `npx tsx src/cli/estimate.ts …` from the repository root. */
function cli(args: string[], stdin?: string) {
  const result = spawnSync('npx', ['tsx', 'src/cli/estimate.ts', ...args], {
    cwd: repoRoot,
    input: stdin ?? '',
    encoding: 'utf8',
    timeout: 25_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const bachelor35 = {
  age: 35,
  hasResidencePermit: true,
  employeeSocialInsurance: true,
  insuredMonthsLast12: 12,
  education: 'bachelor_degree',
  socialInsuranceMonths: 36,
};

describe('npm run estimate', () => {
  it('with --json and a profile argument prints exactly one line of JSON with the estimate', () => {
    const { code, stdout, stderr } = cli(['--json', JSON.stringify(bachelor35)]);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const lines = stdout.split('\n').filter(Boolean);
    expect(lines).toHaveLength(1);
    const result = JSON.parse(lines[0]!);
    expect(result).toMatchObject({ eligible: true, blockers: [], total: 129, passMark: 120, reachesPassMark: true, gap: 0 });
    expect(Object.keys(result)).toEqual([
      'eligible',
      'blockers',
      'total',
      'passMark',
      'reachesPassMark',
      'gap',
      'breakdown',
      'warnings',
      'suggestions',
    ]);
    expect(result.breakdown[0]).toMatchObject({ indicator: 'age', points: 30 });
  });

  it('reads the profile from standard input when no argument is given', () => {
    const profile = { ...bachelor35, age: 45, education: 'college', socialInsuranceMonths: 24 };
    const { code, stdout } = cli(['--json'], `${JSON.stringify(profile, null, 2)}\n`);
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result).toMatchObject({ total: 83, gap: 37, reachesPassMark: false });
    expect(result.suggestions.length).toBeGreaterThan(0);
  });

  it('without --json prints a readable Chinese report with the total, lines, gap, suggestions and warnings', () => {
    const profile = { ...bachelor35, age: 45, education: 'college', socialInsuranceMonths: 24 };
    const { code, stdout } = cli([JSON.stringify(profile)]);
    expect(code).toBe(0);
    expect(stdout).toContain('估算总分：83 分');
    expect(stdout).toContain('还差 37 分');
    expect(stdout).toContain('5+2×(56−45) = 27 分');
    expect(stdout).toContain('建议');
    expect(stdout).toContain('提醒');
    expect(stdout).toContain('模拟');
  });

  it('prints the report in English with --lang en', () => {
    const { code, stdout } = cli(['--lang', 'en', JSON.stringify(bachelor35)]);
    expect(code).toBe(0);
    expect(stdout).toContain('Estimated total: 129');
  });

  it.each([
    ['a typo in a field name', '{"age":35,"titel":"mid"}', /titel/],
    ['an unknown education', '{"age":35,"education":"phd"}', /education: must be one of/],
    ['a missing age', '{"education":"master"}', /age: is required/],
    ['broken JSON', '{age:35', /not valid JSON/],
    ['an array instead of an object', '[1,2]', /must be a JSON object/],
  ])('rejects %s with exit code 2 and one line on stderr', (_what, input, message) => {
    const { code, stdout, stderr } = cli(['--json', input]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(message);
    expect(stderr).not.toMatch(/\bat .*\.ts:\d+/); // no stack trace
  });

  it('rejects an invalid profile on standard input the same way', () => {
    const { code, stderr } = cli(['--json'], '{"age":"thirty"}');
    expect(code).toBe(2);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain('age');
  });

  it('rejects empty standard input with exit code 2', () => {
    const { code, stderr } = cli(['--json'], '');
    expect(code).toBe(2);
    expect(stderr).toContain('no profile given');
  });
});
