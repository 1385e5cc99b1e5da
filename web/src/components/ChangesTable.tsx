/**
 * The `changes` of an audit event as a before/after table. Accepts the shapes we expect from the server:
 * `{field: {before, after}}` (also from/to, old/new), `{before: {...}, after: {...}}`, or a plain `{field: value}`.
 */
import { useI18n } from '../i18n.js';
import type { I18n } from '../i18n.js';

interface Row {
  field: string;
  before: unknown;
  after: unknown;
}

const PAIRS: readonly [string, string][] = [
  ['before', 'after'],
  ['from', 'to'],
  ['old', 'new'],
];

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function pairOf(v: unknown): [unknown, unknown] | null {
  if (!isObject(v)) return null;
  const keys = Object.keys(v);
  for (const [a, b] of PAIRS) {
    if ((a in v || b in v) && keys.every((k) => k === a || k === b)) return [v[a], v[b]];
  }
  return null;
}

export function changeRows(changes: unknown): Row[] | null {
  if (!isObject(changes)) return null;
  const top = pairOf(changes);
  if (top) {
    const [b, a] = top;
    if (!isObject(b) && !isObject(a)) return [{ field: '—', before: b, after: a }];
    const before = isObject(b) ? b : {};
    const after = isObject(a) ? a : {};
    const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    return fields.map((field) => ({ field, before: before[field], after: after[field] }));
  }
  return Object.entries(changes).map(([field, v]) => {
    const pair = pairOf(v);
    return pair ? { field, before: pair[0], after: pair[1] } : { field, before: undefined, after: v };
  });
}

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function show(v: unknown, i18n: Pick<I18n, 'date' | 'dateTime'>): string {
  if (v === undefined || v === null || v === '') return '—';
  if (typeof v === 'string') {
    if (TIMESTAMP.test(v)) return i18n.dateTime(v);
    if (DATE.test(v)) return i18n.date(v);
    return v;
  }
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

export function ChangesTable({ changes }: { changes: unknown }) {
  const i18n = useI18n();
  const { t } = i18n;
  const rows = changeRows(changes);
  if (rows === null) {
    return changes == null ? <p className="muted">{t('audit.noChanges')}</p> : <pre className="json">{JSON.stringify(changes, null, 2)}</pre>;
  }
  if (rows.length === 0) return <p className="muted">{t('audit.noChanges')}</p>;
  return (
    <table className="table table-compact changes">
      <thead>
        <tr>
          <th scope="col">{t('audit.field')}</th>
          <th scope="col">{t('audit.before')}</th>
          <th scope="col">{t('audit.after')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.field}>
            <th scope="row">
              <code>{r.field}</code>
            </th>
            <td className="wrap">{show(r.before, i18n)}</td>
            <td className="wrap">{show(r.after, i18n)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
