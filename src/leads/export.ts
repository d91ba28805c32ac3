import type { Lead } from './lead-schema.js';

/**
 * `leads export`: JSON (every field of every lead, the interface fields first and always present)
 * and CSV (the flat columns below, RFC 4180).
 */

export const CSV_COLUMNS = [
  'id',
  'createdAt',
  'status',
  'qualification',
  'consentAt',
  'contact.name',
  'contact.phone',
  'contact.wechat',
  'estimate.total',
  'estimate.gap',
  'requested',
  'stage',
  'updatedAt',
] as const;

/** One lead in the export shape: `contact.{name,phone,wechat}` and `estimate.{total,gap}` are always there (null when unknown). */
export function exportLead(lead: Lead): Record<string, unknown> {
  const { id, createdAt, status, qualification, consentAt, contact, estimate, notified: _notified, ...rest } = lead;
  return {
    id,
    createdAt,
    status,
    qualification,
    consentAt: consentAt ?? null,
    contact: { name: contact.name ?? null, phone: contact.phone ?? null, wechat: contact.wechat ?? null, ...contact },
    estimate: estimate ? { ...estimate } : { total: null, gap: null },
    ...rest,
  };
}

/** A JSON array, one object per lead (pretty-printed, with a final newline). */
export function leadsToJson(leads: readonly Lead[]): string {
  return `${JSON.stringify(leads.map(exportLead), null, 2)}\n`;
}

function cell(value: unknown, text: boolean): string {
  if (value === undefined || value === null) return '';
  let s = String(value);
  // A text cell starting with = + - @ would run as a formula in a spreadsheet: keep it text.
  if (text && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** CSV with a header row (CSV_COLUMNS), CRLF line ends, fields quoted when they hold commas, quotes or line breaks. */
export function leadsToCsv(leads: readonly Lead[]): string {
  const rows = leads.map((l) =>
    [
      cell(l.id, true),
      cell(l.createdAt, true),
      cell(l.status, true),
      cell(l.qualification, true),
      cell(l.consentAt, true),
      cell(l.contact.name, true),
      cell(l.contact.phone, true),
      cell(l.contact.wechat, true),
      cell(l.estimate?.total, false),
      cell(l.estimate?.gap, false),
      cell(l.requested, false),
      cell(l.stage, true),
      cell(l.updatedAt, true),
    ].join(','),
  );
  return [CSV_COLUMNS.join(','), ...rows].map((row) => `${row}\r\n`).join('');
}
