/**
 * Small bar charts drawn as SVG by React (no library, no inline styles: colours come from CSS classes).
 * Each chart is a <figure> with a caption, an SVG with <title>/<desc>, bars that link to the filtered
 * register where that makes sense, and the same figures as a table to open (the text alternative).
 */
import { useId, useLayoutEffect, useRef, useState } from 'react';
import type { MouseEvent, ReactNode, RefObject } from 'react';
import { useI18n } from '../../i18n.js';
import { href, navigate } from '../../router.js';

export interface Bar {
  key: string;
  label: string;
  value: number;
  /** App path of the filtered register for this bar. */
  to?: string;
}

export interface Segment {
  key: string;
  label: string;
  className: string;
}

export interface StackedBar {
  key: string;
  label: string;
  values: Record<string, number>;
  to?: (segment: string | null) => string | undefined;
}

const W = 640;

function go(to: string) {
  return (e: MouseEvent) => {
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(to);
  };
}

/** The drawing's width in CSS pixels, so text keeps its size from a phone to a wide screen. */
function useMeasuredWidth(fallback: number): [RefObject<HTMLDivElement | null>, number] {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(fallback);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const update = () => {
      const w = Math.round(el.clientWidth);
      if (w > 0) setWidth(w);
    };
    update();
    const observer = new ResizeObserver(update);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}

function clip(s: string, n = 70): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

function MaybeLink({ to, label, children }: { to?: string; label: string; children: ReactNode }) {
  if (!to) return <g>{children}</g>;
  return (
    <a href={href(to)} onClick={go(to)} aria-label={label} className="chart-link">
      {children}
    </a>
  );
}

function Frame({ title, desc, table, children, testId }: { title: string; desc: string; table: ReactNode; children: ReactNode; testId?: string }) {
  const { t } = useI18n();
  return (
    <figure className="chart" data-testid={testId}>
      <figcaption className="chart-title">{title}</figcaption>
      {children}
      <p className="sr-only">{desc}</p>
      <details className="chart-table">
        <summary>{t('charts.showTable')}</summary>
        {table}
      </details>
    </figure>
  );
}

function EmptyChart({ title, text, testId }: { title: string; text: string; testId?: string }) {
  return (
    <figure className="chart" data-testid={testId}>
      <figcaption className="chart-title">{title}</figcaption>
      <p className="muted">{text}</p>
    </figure>
  );
}

/** Horizontal bars, one per row, label above the bar (long unit names stay readable on a phone). */
export function BarChart({ title, data, format, empty, testId, width: fallback = W }: { title: string; data: readonly Bar[]; format?: (n: number) => string; empty?: string; testId?: string; width?: number }) {
  const { t, number } = useI18n();
  const [bodyRef, width] = useMeasuredWidth(fallback);
  const fmt = format ?? number;
  const titleId = useId();
  const descId = useId();
  const max = Math.max(1, ...data.map((d) => d.value));
  const row = 40;
  const height = Math.max(row, data.length * row) + 4;
  const desc = data.map((d) => `${d.label}: ${fmt(d.value)}`).join('; ');
  const table = (
    <table className="table table-compact">
      <caption className="sr-only">{title}</caption>
      <thead>
        <tr>
          <th scope="col">{t('charts.category')}</th>
          <th scope="col" className="num">
            {t('charts.value')}
          </th>
        </tr>
      </thead>
      <tbody>
        {data.map((d) => (
          <tr key={d.key}>
            <th scope="row">{d.to ? <a href={href(d.to)} onClick={go(d.to)}>{d.label}</a> : d.label}</th>
            <td className="num">{fmt(d.value)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
  if (data.length === 0) return <EmptyChart title={title} text={empty ?? t('charts.empty')} testId={testId} />;
  return (
    <Frame title={title} desc={desc} table={table} testId={testId}>
      <div ref={bodyRef}>
        <svg className="chart-svg" viewBox={`0 0 ${width} ${height}`} width="100%" aria-labelledby={`${titleId} ${descId}`} role="group">
          <title id={titleId}>{title}</title>
          <desc id={descId}>{desc}</desc>
          {data.map((d, i) => {
            const y = i * row;
            const w = Math.max(d.value > 0 ? 2 : 0, Math.round((d.value / max) * (width - 70)));
            return (
              <MaybeLink key={d.key} to={d.to} label={`${d.label}: ${fmt(d.value)}`}>
                <text x={0} y={y + 13} className="chart-label">
                  {clip(d.label, Math.round(width / 8))}
                </text>
                <rect x={0} y={y + 18} width={w} height={14} rx={2} className="bar" />
                <text x={w + 6} y={y + 30} className="chart-value">
                  {fmt(d.value)}
                </text>
              </MaybeLink>
            );
          })}
        </svg>
      </div>
    </Frame>
  );
}

/** Horizontal bars split by segment (status), with a legend; each segment links on its own. */
export function StackedBarChart({ title, data, segments, testId, width: fallback = 900 }: { title: string; data: readonly StackedBar[]; segments: readonly Segment[]; testId?: string; width?: number }) {
  const { t, number } = useI18n();
  const [bodyRef, width] = useMeasuredWidth(fallback);
  const titleId = useId();
  const descId = useId();
  const totals = data.map((d) => segments.reduce((s, g) => s + (d.values[g.key] ?? 0), 0));
  const max = Math.max(1, ...totals);
  const row = 40;
  const height = Math.max(row, data.length * row) + 4;
  const desc = data.map((d, i) => `${d.label}: ${number(totals[i] ?? 0)} (${segments.filter((g) => d.values[g.key]).map((g) => `${g.label} ${number(d.values[g.key] ?? 0)}`).join(', ')})`).join('; ');
  const table = (
    <div className="table-wrap">
      <table className="table table-compact">
        <caption className="sr-only">{title}</caption>
        <thead>
          <tr>
            <th scope="col">{t('charts.category')}</th>
            {segments.map((g) => (
              <th key={g.key} scope="col" className="num">
                {g.label}
              </th>
            ))}
            <th scope="col" className="num">
              {t('charts.total')}
            </th>
          </tr>
        </thead>
        <tbody>
          {data.map((d, i) => {
            const to = d.to?.(null);
            return (
              <tr key={d.key}>
                <th scope="row">{to ? <a href={href(to)} onClick={go(to)}>{d.label}</a> : d.label}</th>
                {segments.map((g) => (
                  <td key={g.key} className="num">
                    {number(d.values[g.key] ?? 0)}
                  </td>
                ))}
                <td className="num">{number(totals[i] ?? 0)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
  if (data.length === 0) return <EmptyChart title={title} text={t('charts.empty')} testId={testId} />;
  return (
    <Frame title={title} desc={desc} table={table} testId={testId}>
      <ul className="legend" aria-hidden="true">
        {segments.map((g) => (
          <li key={g.key}>
            <span className={`swatch ${g.className}`} />
            {g.label}
          </li>
        ))}
      </ul>
      <div ref={bodyRef}>
        <svg className="chart-svg" viewBox={`0 0 ${width} ${height}`} width="100%" aria-labelledby={`${titleId} ${descId}`} role="group">
          <title id={titleId}>{title}</title>
          <desc id={descId}>{desc}</desc>
          {data.map((d, i) => {
            const y = i * row;
            let x = 0;
            const total = totals[i] ?? 0;
            const rowTo = d.to?.(null);
            return (
              <g key={d.key}>
                {rowTo ? (
                  <a href={href(rowTo)} onClick={go(rowTo)} className="chart-link">
                    <text x={0} y={y + 13} className="chart-label">
                      {clip(d.label, Math.round(width / 8))}
                    </text>
                  </a>
                ) : (
                  <text x={0} y={y + 13} className="chart-label">
                    {clip(d.label, Math.round(width / 8))}
                  </text>
                )}
                {segments.map((g) => {
                  const v = d.values[g.key] ?? 0;
                  if (!v) return null;
                  const w = Math.max(2, (v / max) * (width - 60));
                  const segX = x;
                  x += w;
                  return (
                    <MaybeLink key={g.key} to={d.to?.(g.key)} label={`${d.label}, ${g.label}: ${number(v)}`}>
                      <rect x={segX} y={y + 18} width={w} height={14} className={`bar-seg ${g.className}`} />
                    </MaybeLink>
                  );
                })}
                <text x={x + 6} y={y + 30} className="chart-value">
                  {number(total)}
                </text>
              </g>
            );
          })}
        </svg>
      </div>
    </Frame>
  );
}

/** Vertical columns (years), value on top, label below. */
export function ColumnChart({
  title,
  data,
  format,
  short,
  testId,
  width: fallback = W,
}: {
  title: string;
  data: readonly Bar[];
  format?: (n: number) => string;
  short?: (n: number) => string;
  testId?: string;
  width?: number;
}) {
  const { t, number } = useI18n();
  const [bodyRef, width] = useMeasuredWidth(fallback);
  const fmt = format ?? number;
  const top = short ?? fmt;
  const titleId = useId();
  const descId = useId();
  const H = 220;
  const max = Math.max(1, ...data.map((d) => d.value));
  const slot = data.length ? Math.min(80, width / data.length) : 80;
  const bw = Math.max(8, slot * 0.6);
  const desc = data.map((d) => `${d.label}: ${fmt(d.value)}`).join('; ');
  const table = (
    <table className="table table-compact">
      <caption className="sr-only">{title}</caption>
      <thead>
        <tr>
          <th scope="col">{t('charts.category')}</th>
          <th scope="col" className="num">
            {t('charts.value')}
          </th>
        </tr>
      </thead>
      <tbody>
        {data.map((d) => (
          <tr key={d.key}>
            <th scope="row">{d.to ? <a href={href(d.to)} onClick={go(d.to)}>{d.label}</a> : d.label}</th>
            <td className="num">{fmt(d.value)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
  if (data.length === 0) return <EmptyChart title={title} text={t('charts.empty')} testId={testId} />;
  return (
    <Frame title={title} desc={desc} table={table} testId={testId}>
      <div ref={bodyRef}>
        <svg className="chart-svg" viewBox={`0 0 ${width} ${H + 40}`} width="100%" aria-labelledby={`${titleId} ${descId}`} role="group">
          <title id={titleId}>{title}</title>
          <desc id={descId}>{desc}</desc>
          <line x1={0} x2={slot * data.length} y1={H + 0.5} y2={H + 0.5} className="axis" />
          {data.map((d, i) => {
            const h = Math.round((d.value / max) * (H - 24));
            const x = i * slot + (slot - bw) / 2;
            return (
              <MaybeLink key={d.key} to={d.to} label={`${d.label}: ${fmt(d.value)}`}>
                <rect x={x} y={H - h} width={bw} height={h} rx={2} className="bar" />
                <text x={x + bw / 2} y={H - h - 5} className="chart-value" textAnchor="middle">
                  {top(d.value)}
                </text>
                <text x={x + bw / 2} y={H + 18} className="chart-label" textAnchor="middle">
                  {d.label}
                </text>
              </MaybeLink>
            );
          })}
        </svg>
      </div>
    </Frame>
  );
}
