/**
 * `npm run estimate -- [--json] [--lang zh|en] ['<profile JSON>']`
 *
 * Points estimate for one profile, given as the argument or (without one) as the whole of standard
 * input. `--json` prints exactly the estimate object on one line; otherwise a readable report.
 * Exit codes: 0 done · 2 bad usage, bad JSON or an invalid profile (one line on stderr) ·
 * 1 the scoring table is broken.
 */
import { readFileSync } from 'node:fs';
import { ESTIMATE_TEXTS, estimate, estimateJson, type Estimate, type Locale } from '../estimate/estimate.js';
import { safeParseProfile } from '../estimate/profile.js';
import { loadScoringTable, ScoringTableError } from '../estimate/scoring-table.js';

const USAGE = `usage: npm run estimate -- [--json] [--lang zh|en] '{"age":35,"education":"bachelor_degree",...}'  (or the profile JSON on standard input)`;

class UsageError extends Error {}

interface Options {
  json: boolean;
  locale: Locale;
  profileText: string | undefined;
}

function parseArgs(argv: string[]): Options {
  const options: Options = { json: false, locale: 'zh', profileText: undefined };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--json') options.json = true;
    else if (arg === '--lang' || arg.startsWith('--lang=')) {
      const value = arg === '--lang' ? argv[++i] : arg.slice('--lang='.length);
      if (value !== 'zh' && value !== 'en') throw new UsageError(`--lang must be zh or en (got ${value ?? 'nothing'})`);
      options.locale = value;
    } else if (arg === '--help' || arg === '-h') throw new UsageError(USAGE);
    else if (arg.startsWith('--')) throw new UsageError(`unknown option ${arg}; ${USAGE}`);
    else if (options.profileText !== undefined) {
      throw new UsageError(`give one profile JSON only (quote it as one argument); ${USAGE}`);
    } else options.profileText = arg;
  }
  return options;
}

function readProfileText(options: Options): string {
  if (options.profileText !== undefined) return options.profileText;
  if (process.stdin.isTTY) throw new UsageError(`no profile given; ${USAGE}`);
  const text = readFileSync(0, 'utf8');
  if (text.trim() === '') throw new UsageError(`no profile given on standard input; ${USAGE}`);
  return text;
}

function report(result: Estimate, locale: Locale): string {
  const r = ESTIMATE_TEXTS[locale].report;
  const out: string[] = [r.title(), '', r.total(result.total, result.passMark)];
  out.push(result.reachesPassMark ? r.reaches() : result.gap > 0 ? r.gap(result.gap) : '');
  if (result.eligible) out.push(r.eligible());
  else out.push(r.notEligible(), ...result.blockers.map((b) => `  ✗ ${b}`));
  out.push('', `${r.breakdown()}:`);
  for (const line of result.breakdown) out.push(`  ${r.points(line.points).padStart(8)}  ${line.note}`);
  if (result.suggestions.length > 0) {
    out.push('', `${r.suggestions()}:`, ...result.suggestions.map((s, i) => `  ${i + 1}. ${s}`));
  }
  out.push('', `${r.warnings()}:`, ...result.warnings.map((w) => `  • ${w}`));
  return out.filter((line, i, all) => !(line === '' && all[i - 1] === '')).join('\n');
}

function main(): number {
  let options: Options;
  let text: string;
  try {
    options = parseArgs(process.argv.slice(2));
    text = readProfileText(options);
  } catch (error) {
    process.stderr.write(`estimate: ${(error as Error).message}\n`);
    return 2;
  }

  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (error) {
    const reason = (error as Error).message.split('\n')[0];
    process.stderr.write(`estimate: the profile is not valid JSON (${reason}); pass one JSON object, e.g. '{"age":35}'\n`);
    return 2;
  }

  const parsed = safeParseProfile(input);
  if (!parsed.ok) {
    process.stderr.write(`estimate: invalid profile: ${parsed.error}\n`);
    return 2;
  }

  let result: Estimate;
  try {
    result = estimate(parsed.profile, loadScoringTable(), options.locale);
  } catch (error) {
    if (error instanceof ScoringTableError) {
      process.stderr.write(`estimate: the scoring table is broken: ${error.message}\n`);
      return 1;
    }
    throw error;
  }

  process.stdout.write(options.json ? `${JSON.stringify(estimateJson(result))}\n` : `${report(result, options.locale)}\n`);
  return 0;
}

process.exitCode = main();
