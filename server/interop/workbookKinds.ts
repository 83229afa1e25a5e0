/**
 * What a workbook is, from its sheet names alone; shared by the service and the explorer's import form, so this module
 * imports nothing (no spreadsheet library reaches the browser bundle).
 */

/** The sheet of Crosswalk's own XLSX crosswalk export that holds the mappings (beside "About"). */
export const XLSX_CROSSWALK_SHEET = 'Crosswalk';
export const XLSX_ABOUT_SHEET = 'About';
/** Other sources of the exported mappings' pairs, one row each, for reading (written only when there are any). */
export const XLSX_FURTHER_SOURCES_SHEET = 'Further sources';

/** A workbook laid out as a CISO Assistant library: a library_meta sheet and at least one object's _meta sheet. */
export const isCisoAssistantWorkbook = (sheetNames: readonly string[]) =>
  sheetNames.some((n) => n.toLowerCase() === 'library_meta') && sheetNames.some((n) => /_meta$/i.test(n) && n.toLowerCase() !== 'library_meta');
