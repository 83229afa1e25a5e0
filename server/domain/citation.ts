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
