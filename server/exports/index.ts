export * from './workbook.js';
export * from './gapExport.js';
export * from './evidenceCsv.js';
export * from './soaExport.js';
export * from './controlSetExport.js';
export * from './imsExport.js';
