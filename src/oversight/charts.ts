// Bar charts as SVG text, made without a browser: a partnership board reads them in any viewer, on
// GitHub and in a PDF of the annual report.
import { EscalationError } from '../escalation/errors.js';
import { xmlText } from '../render/escape.js';

/** One coloured series of a bar chart: a name and a value per category. */
export interface Series {
  readonly name: string;
  readonly values: readonly number[];
}

const PALETTE = ['#1d70b8', '#00703c', '#f47738', '#912b88', '#d4351c', '#505a5f', '#28a197'];
const esc = xmlText;

/**
 * A stacked bar chart: one bar per category, one coloured segment per series, a legend, and the total
 * above each bar.
 *
 * @example
 * stackedBarChart('Escalations per quarter', ['Q1', 'Q2'], [{ name: 'Stage 1', values: [4, 6] }]);
 */
export function stackedBarChart(
  title: string,
  categories: readonly string[],
  series: readonly Series[],
  size: { width?: number; height?: number } = {},
): string {
  checkChart(title, categories, series, size);
  const { width = 640, height = 360 } = size;
  const margin = { top: 48, right: 170, bottom: 44, left: 48 };
  const plotW = width - margin.left - margin.right;
  const plotH = height - margin.top - margin.bottom;
  const totals = categories.map((_, i) => series.reduce((sum, s) => sum + (s.values[i] ?? 0), 0));
  const max = Math.max(1, ...totals);
  const step = tickStep(max);
  const top = Math.ceil(max / step) * step;
  const y = (v: number) => margin.top + plotH - (v / top) * plotH;
  const band = plotW / Math.max(1, categories.length);
  const barW = Math.min(56, band * 0.6);
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Arial, Helvetica, sans-serif" font-size="12">`,
    `<title>${esc(title)}</title>`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="${margin.left}" y="24" font-size="16" font-weight="bold" fill="#0b0c0c">${esc(title)}</text>`,
  ];
  for (let v = 0; v <= top; v += step) {
    out.push(
      `<line x1="${margin.left}" x2="${margin.left + plotW}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" stroke="#d0d0d0"/>`,
    );
    out.push(`<text x="${margin.left - 6}" y="${(y(v) + 4).toFixed(1)}" text-anchor="end" fill="#505a5f">${v}</text>`);
  }
  categories.forEach((cat, i) => {
    const x = margin.left + band * i + (band - barW) / 2;
    let base = 0;
    series.forEach((s, k) => {
      const v = s.values[i] ?? 0;
      if (v > 0) {
        out.push(
          `<rect x="${x.toFixed(1)}" y="${y(base + v).toFixed(1)}" width="${barW.toFixed(1)}" height="${(y(base) - y(base + v)).toFixed(1)}" fill="${PALETTE[k % PALETTE.length]}"><title>${esc(`${cat}, ${s.name}: ${v}`)}</title></rect>`,
        );
      }
      base += v;
    });
    out.push(
      `<text x="${(x + barW / 2).toFixed(1)}" y="${(y(totals[i]!) - 6).toFixed(1)}" text-anchor="middle" fill="#0b0c0c">${totals[i]}</text>`,
    );
    out.push(
      `<text x="${(x + barW / 2).toFixed(1)}" y="${height - margin.bottom + 18}" text-anchor="middle" fill="#0b0c0c">${esc(cat)}</text>`,
    );
  });
  series.forEach((s, k) => {
    const ly = margin.top + k * 20;
    out.push(
      `<rect x="${width - margin.right + 16}" y="${ly}" width="12" height="12" fill="${PALETTE[k % PALETTE.length]}"/>`,
    );
    out.push(`<text x="${width - margin.right + 34}" y="${ly + 10}" fill="#0b0c0c">${esc(s.name)}</text>`);
  });
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}

/** The distance between the value lines: 1, 5, 10, 50, 100 as before, then a round step giving at most ten lines. */
function tickStep(max: number): number {
  if (max <= 10) return 1;
  if (max <= 50) return 5;
  if (max <= 100) return 10;
  if (max <= 500) return 50;
  if (max <= 1000) return 100;
  const power = 10 ** Math.floor(Math.log10(max / 10));
  return [1, 2, 5, 10].map((m) => m * power).find((step) => max / step <= 10) ?? 10 * power;
}

/** Refuses what would not draw: text that is not text, values that are not counts, a size that is not one. */
function checkChart(title: unknown, categories: unknown, series: unknown, size: unknown): void {
  const fail = (what: string) => {
    throw new EscalationError('INVALID_ARGUMENT', `stackedBarChart: ${what}`);
  };
  if (typeof title !== 'string') fail('the title must be text');
  if (!Array.isArray(categories) || !categories.every((c) => typeof c === 'string'))
    fail('categories must be a list of text');
  if (!Array.isArray(series)) fail('series must be a list of { name, values }');
  for (const s of series as unknown[]) {
    const item = s as Partial<Series> | null;
    if (typeof item !== 'object' || item === null || typeof item.name !== 'string' || !Array.isArray(item.values))
      fail('each series is { name, values }');
    if (
      !item!.values!.every((v) => typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= Number.MAX_SAFE_INTEGER)
    )
      fail(`the values of '${item!.name}' must be counts, 0 or more`);
  }
  if (typeof size !== 'object' || size === null) fail('the size must be an object { width, height }');
  for (const key of ['width', 'height'] as const) {
    const v = (size as Record<string, unknown>)[key];
    if (v !== undefined && (typeof v !== 'number' || !Number.isFinite(v) || v < 240 || v > 10_000))
      fail(`${key} must be a number of pixels from 240 to 10000`);
  }
}
