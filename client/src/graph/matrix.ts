import { heatColor, readableInk } from './palette.js';
import type { FrameworkInfo, Relationship } from './types.js';

export interface CoverageCell {
  source: string;
  target: string;
  total: number;
  covered: number;
  share: number;
  byRelationship: Array<{ relationship: Relationship; count: number }>;
}

export interface MatrixCell {
  source: string;
  target: string;
  total: number;
  covered: number;
  share: number;
  /** Mappings behind the cell, counted from the source's side. */
  mappings: number;
  byRelationship: Array<{ relationship: Relationship; count: number }>;
  color: string;
  ink: string;
  /** Short text drawn in the cell. */
  text: string;
}

export interface MatrixModel {
  frameworks: FrameworkInfo[];
  /** rows[i][j]: framework i's requirements covered by framework j; null on the diagonal. */
  rows: Array<Array<MatrixCell | null>>;
}

export const percent = (share: number) => (share > 0 && share < 0.005 ? '<1%' : `${Math.round(share * 100)}%`);

/**
 * The framework × framework grid: rows are the frameworks whose requirements are counted, columns the frameworks
 * that cover them. Frameworks are in id order (editions of one family side by side); pairs without mappings
 * get an empty cell, not a missing one, so the grid stays square.
 */
export function buildMatrix(frameworks: FrameworkInfo[], cells: CoverageCell[]): MatrixModel {
  const ordered = [...frameworks].sort((a, b) => a.id.localeCompare(b.id));
  const byPair = new Map(cells.map((c) => [`${c.source}\u0000${c.target}`, c]));
  const rows = ordered.map((row) =>
    ordered.map((col): MatrixCell | null => {
      if (row.id === col.id) return null;
      const c = byPair.get(`${row.id}\u0000${col.id}`);
      const total = c?.total ?? row.requirementCount ?? 0;
      const covered = c?.covered ?? 0;
      const share = c ? c.share : 0;
      const byRelationship = c?.byRelationship ?? [];
      const mappings = byRelationship.reduce((s, r) => s + r.count, 0);
      const color = mappings ? heatColor(share) : heatColor(null);
      return { source: row.id, target: col.id, total, covered, share, mappings, byRelationship, color, ink: readableInk(color), text: mappings ? percent(share) : '–' };
    }),
  );
  return { frameworks: ordered, rows };
}

const REL_WORDS: Record<Relationship, string> = {
  equal_to: 'equal to',
  equivalent_to: 'equivalent to',
  subset_of: 'subset of',
  superset_of: 'superset of',
  intersects_with: 'intersects with',
  no_relationship: 'no relationship',
};
export const relationshipWords = (r: Relationship) => REL_WORDS[r];

/** The sentence a screen reader (and the tooltip) gives for a cell. */
export function describeCell(cell: MatrixCell, name: (id: string) => string): string {
  if (!cell.mappings) return `${name(cell.source)} against ${name(cell.target)}: no mappings.`;
  const rels = cell.byRelationship.map((r) => `${r.count} ${relationshipWords(r.relationship)}`).join(', ');
  return `${name(cell.source)} against ${name(cell.target)}: ${cell.covered} of ${cell.total} requirements (${percent(cell.share)}) have a mapping; ${cell.mappings} mappings: ${rels}.`;
}

/** Arrow-key movement in an n × n grid whose diagonal is empty: the diagonal is stepped over. */
export function gridMove(row: number, col: number, key: string, n: number): [number, number] | null {
  const step = (r: number, c: number, dr: number, dc: number): [number, number] => {
    let nr = r + dr;
    let nc = c + dc;
    if (nr === nc) {
      nr += dr;
      nc += dc;
    }
    if (nr < 0 || nc < 0 || nr >= n || nc >= n) return [r, c];
    return [nr, nc];
  };
  switch (key) {
    case 'ArrowRight':
      return step(row, col, 0, 1);
    case 'ArrowLeft':
      return step(row, col, 0, -1);
    case 'ArrowDown':
      return step(row, col, 1, 0);
    case 'ArrowUp':
      return step(row, col, -1, 0);
    case 'Home':
      return row === 0 ? [0, 1] : [row, 0];
    case 'End':
      return row === n - 1 ? [row, n - 2] : [row, n - 1];
    default:
      return null;
  }
}

