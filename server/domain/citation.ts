/** The parts of a framework a citation needs. */
export interface Citable {
  name: string;
  edition: string;
}

/** "ISO/IEC 27001", "ISO 9001", "ISO/IEC/IEEE 42010": names that ISO cites with a colon before the year. */
const ISO_NUMBERED = /^ISO(?:\/(?:IEC|IEEE|ASTM|SAE))*(?:[/ ](?:TS|TR|PAS))?\s+\d+(?:-\d+)*$/;

/**
 * How people cite an edition: ISO's own form for ISO standards ("ISO/IEC 27001:2022"), else the name and the edition
 * ("NIST AI Risk Management Framework (AI RMF) 1.0"), or the name alone when it already ends with the edition.
 */
export function frameworkCitation({ name, edition }: Citable): string {
  const n = name.trim();
  const e = edition.trim();
  if (!e || (n.endsWith(e) && /[\s(:/-]$/.test(n.slice(0, -e.length)))) return n;
  if (ISO_NUMBERED.test(n) && /^\d{4}(?:\/Amd ?\d+:\d{4})?$/.test(e)) return `${n}:${e}`;
  return `${n} ${e}`;
}

/** Longest citation used as it is for a short label; past it, graph labels and rotated headers get crowded. */
const SHORT_LABEL_MAX = 24;

/**
 * A label short enough for a graph node or a table header. The catalog's own short name when it gives one; else
 * the citation when that is short ("ISO/IEC 27001:2022"); else the acronym a name ends with, in brackets, with the
 * edition ("NIST AI Risk Management Framework (AI RMF)" 1.0 → "NIST AI RMF 1.0", keeping a leading publisher
 * abbreviation the acronym leaves out); else the id.
 */
export function frameworkShortLabel(f: Citable & { id: string; shortName?: string | null }): string {
  if (f.shortName?.trim()) return f.shortName.trim();
  const citation = frameworkCitation(f);
  if (citation.length <= SHORT_LABEL_MAX) return citation;
  const bracketed = /^(.*?)\s*\(([A-Z0-9][A-Za-z0-9 .&/+-]{0,14}[A-Za-z0-9])\)$/.exec(f.name.trim());
  if (bracketed) {
    const acronym = bracketed[2]!;
    const lead = /^[A-Z][A-Z0-9]+(?=\s)/.exec(bracketed[1]!)?.[0];
    const name = lead && !acronym.startsWith(lead) ? `${lead} ${acronym}` : acronym;
    const label = frameworkCitation({ name, edition: f.edition });
    if (label.length <= SHORT_LABEL_MAX) return label;
  }
  return f.id;
}
