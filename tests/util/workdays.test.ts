import chineseDays from 'chinese-days';
import { describe, expect, it } from 'vitest';
import { workdayAfter } from '../../src/util/workdays.js';

describe('workdayAfter', () => {
  it('skips weekends and public holidays and counts make-up working days (National Day 2026)', () => {
    expect(workdayAfter(1, '2026-09-30')).toBe('2026-10-08'); // 10-01 … 10-07 off
    expect(workdayAfter(1, '2026-09-19')).toBe('2026-09-20'); // a Sunday made a working day
    expect(workdayAfter(5, '2026-12-01')).toBe('2026-12-08'); // an ordinary week
  });

  it('gives the calendar library’s answer for every day of a year, asked twice, past its memory bound', () => {
    const start = Date.UTC(2026, 0, 1);
    for (let day = 0; day < 365; day++) {
      const from = new Date(start + day * 86_400_000).toISOString().slice(0, 10);
      for (const n of [1, 20]) {
        const expected = chineseDays.findWorkday(n, from);
        expect(workdayAfter(n, from)).toBe(expected);
        expect(workdayAfter(n, from)).toBe(expected);
      }
    }
  });
});
