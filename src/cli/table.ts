// Tables that fit the terminal (at most 100 columns): cli-table3 draws them and wraps long cells;
// where even wrapped columns would be too narrow to read, the rows become a list instead.
import Table from 'cli-table3';

/** A column: its heading, and the narrowest it may be wrapped to (dates and numbers never wrap). */
export interface Column<Row> {
  readonly heading: string;
  readonly value: (row: Row) => string;
  /** Cells never wrap; the column keeps its natural width. */
  readonly fixed?: boolean;
}

const PADDING = 2; // one space either side of a cell
const NARROWEST_WRAPPED = 12; // narrower than this, a wrapped text column is hard to read

/**
 * The rows as a table within `width` columns, or as a list when the text columns cannot all be
 * given at least 12 characters. The share-out of the width is written here: cli-table3 wraps to the
 * widths it is given but does not choose them.
 */
export function renderTable<Row>(rows: readonly Row[], columns: readonly Column<Row>[], width: number): string {
  const cells = rows.map((row) => columns.map((c) => c.value(row)));
  const natural = columns.map((c, i) => Math.max(c.heading.length, ...cells.map((r) => longestLine(r[i]!))) + PADDING);
  const borders = columns.length + 1;
  const widths = shareOut(natural, columns, width - borders);
  if (!widths) return renderList(cells, columns, width);
  const table = new Table({
    head: columns.map((c) => c.heading),
    colWidths: widths,
    wordWrap: true,
    wrapOnWordBoundary: true,
    style: { head: [], border: [] }, // no colour: the output is often piped or saved
  });
  for (const row of cells) table.push(row);
  return table.toString();
}

/** Column widths (padding included) that add up to at most `room`, or undefined when they cannot. */
function shareOut<Row>(natural: number[], columns: readonly Column<Row>[], room: number): number[] | undefined {
  if (natural.reduce((a, b) => a + b, 0) <= room) return natural;
  const fixedTotal = natural.reduce((sum, w, i) => sum + (columns[i]!.fixed ? w : 0), 0);
  const flexible = natural.map((w, i) => (columns[i]!.fixed ? 0 : w));
  const flexibleTotal = flexible.reduce((a, b) => a + b, 0);
  const available = room - fixedTotal;
  const narrowest = NARROWEST_WRAPPED + PADDING;
  if (available < narrowest * flexible.filter((w) => w > 0).length) return undefined;
  // Each text column gets its natural width or a share of the room in proportion to it, whichever
  // is less, but never less than the narrowest; what is left over goes to the widest.
  const widths = natural.map((w, i) =>
    columns[i]!.fixed ? w : Math.min(w, Math.max(narrowest, Math.floor((available * w) / flexibleTotal))),
  );
  let over = widths.reduce((a, b) => a + b, 0) - room;
  while (over > 0) {
    const widest = widths.reduce(
      (best, w, i) => (!columns[i]!.fixed && w > widths[best]! ? i : best),
      widths.findIndex((_, i) => !columns[i]!.fixed),
    );
    if (widths[widest]! <= narrowest) return undefined;
    widths[widest]!--;
    over--;
  }
  return widths;
}

/** Each row as a block: the first cell as its title, the others as `heading: value` lines beneath. */
function renderList<Row>(cells: string[][], columns: readonly Column<Row>[], width: number): string {
  return cells
    .map((row) =>
      [
        wrap(row[0]!, width, ''),
        ...row.slice(1).map((cell, i) => wrap(`${columns[i + 1]!.heading}: ${cell}`, width, '  ')),
      ].join('\n'),
    )
    .join('\n\n');
}

/** Text wrapped at word boundaries to `width`, every line indented, continuation lines two more. */
export function wrap(text: string, width: number, indent: string): string {
  const lines: string[] = [];
  let line = indent;
  for (const word of text.split(/\s+/)) {
    if (line.trim() && line.length + 1 + word.length > width) {
      lines.push(line);
      line = `${indent}  ${word}`;
    } else line = line.trim() ? `${line} ${word}` : `${indent}${word}`;
  }
  lines.push(line);
  return lines.join('\n');
}

function longestLine(text: string): number {
  return text.split('\n').reduce((widest, line) => Math.max(widest, line.length), 0);
}
