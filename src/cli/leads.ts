import { loadConfig } from '../config/env.js';
import { leadsToCsv, leadsToJson } from '../leads/export.js';
import { LEAD_STATUSES, type LeadStatus } from '../leads/lead-schema.js';
import { createLeadBackend } from '../leads/lead-backend.js';
import { renderLeadLine } from '../leads/render-card.js';
import { openStore } from '../storage/open-store.js';
import { createLogger } from '../util/logger.js';
import { parseArgs, runCli, UsageError } from './cli-support.js';

/**
 * Consultant tooling over the stored leads (shared/design/interfaces.md):
 *   npm run leads -- list [--status new|claimed|contacted|closed]
 *   npm run leads -- export [--format json|csv]     (stdout: only the export)
 *   npm run leads -- delete ID                      (erases the lead and its conversation)
 *   npm run leads -- sweep [--days N]               (erases leads inactive for N days, default LEAD_RETENTION_DAYS)
 * Only `delete` and `sweep` delete anything.
 */
const USAGE = 'Usage: npm run leads -- list [--status S] | export [--format csv|json] | delete ID | sweep [--days N]';

/** A lead that is not there: one line on stderr, exit 1. */
class NotFound extends Error {}

async function main(): Promise<void> {
  const { flags, positional } = parseArgs(process.argv.slice(2), ['format', 'status', 'days']);
  const [command, ...rest] = positional;
  if (!command || flags.has('help')) throw new UsageError(USAGE);
  const config = loadConfig();
  const store = await openStore(config.storageUrl);
  try {
    // Wired as the bot wires it (the store's locks: on Redis/PostgreSQL a running bot writes the same
    // keys); silent, so that `export` prints only the leads.
    const { leads } = createLeadBackend(store, createLogger('silent'));
    switch (command) {
      case 'list': {
        const status = flags.get('status');
        if (status !== undefined && !LEAD_STATUSES.includes(status as LeadStatus)) {
          throw new UsageError(`--status must be one of ${LEAD_STATUSES.join(', ')}`);
        }
        const list = await leads.list(status ? { status: status as LeadStatus } : {});
        process.stdout.write(list.map((lead) => `${renderLeadLine(lead)}\n`).join(''));
        break;
      }
      case 'export': {
        const format = flags.get('format') ?? 'json';
        if (format !== 'json' && format !== 'csv') throw new UsageError('--format must be csv or json');
        const list = await leads.list();
        process.stdout.write(format === 'csv' ? leadsToCsv(list) : leadsToJson(list));
        break;
      }
      case 'delete': {
        const id = rest[0];
        if (!id || rest.length > 1) throw new UsageError('Usage: npm run leads -- delete ID (e.g. L-20261201-0007)');
        const result = await leads.erase(id);
        if (!result.erased) throw new NotFound(`No lead ${id}: nothing was deleted (see npm run leads -- list).`);
        process.stdout.write(`Deleted ${id} and its conversation.\n`);
        break;
      }
      case 'sweep': {
        const raw = flags.get('days');
        const days = raw === undefined ? config.leadRetentionDays : Number(raw);
        if (!Number.isInteger(days) || days <= 0) throw new UsageError('--days must be a whole number of days greater than 0');
        const erased = await leads.sweepRetention(new Date(), days);
        process.stdout.write(`Deleted ${erased.length} lead(s) with no activity for ${days} days${erased.length ? `: ${erased.join(', ')}` : ''}.\n`);
        break;
      }
      default:
        throw new UsageError(`Unknown command "${command}". ${USAGE}`);
    }
  } finally {
    await store.close();
  }
}

runCli(async () => {
  try {
    await main();
  } catch (error) {
    if (!(error instanceof NotFound)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exitCode = 1;
  }
});
