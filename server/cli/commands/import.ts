import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import { contentDirs, dataDirFrom } from '../../config.js';
import { csvToCatalog } from '../../content/csvCatalog.js';
import { errorsIn, loadContent } from '../../content/loadContent.js';
import { readContentFile } from '../../content/readContentFile.js';
import { DataFileError, InputError } from '../../domain/errors.js';
import { runRules } from '../../domain/validation/rules.js';
import { parseCommandArgs, requireOption } from '../args.js';

export const IMPORT_FORMATS = ['csv'] as const;

export interface ImportCsvCatalogOptions {
  file: string;
  frameworkId: string;
  name: string;
  edition: string;
  publisher?: string;
  replace?: boolean;
  dataDir?: string;
}

/** Writes a user catalog beside the shipped ones, or nothing at all if any row or cross-check fails. */
export function importCsvCatalog({ file, dataDir = dataDirFrom(), replace = false, ...options }: ImportCsvCatalogOptions) {
  if (!fs.existsSync(file)) throw new InputError(`import: no such file: ${file}`);
  const { catalog, problems } = csvToCatalog(fs.readFileSync(file, 'utf8'), { file, ...options });
  if (!catalog) throw new DataFileError(problems);

  const dirs = contentDirs({ dataDir });
  const target = path.join(dirs.user[0]!, `${catalog.framework.id}.yaml`);
  const existing = loadContent(dirs);
  const clash = existing.bundle.frameworks.find((f) => f.id === catalog.framework.id);
  if (clash && !(replace && fs.existsSync(target)))
    throw new InputError(
      fs.existsSync(target)
        ? `import: framework "${clash.id}" was imported before (${target}); pass --replace to overwrite it`
        : `import: framework id "${clash.id}" is already used by a shipped catalog; choose another --framework-id`,
    );

  const text = `# Imported from ${path.basename(file)} by "crosswalk import --format csv".\n${stringify(catalog, { lineWidth: 0 })}`;
  const read = readContentFile(target, text);
  const withoutOld = existing.bundle.requirements.filter((r) => r.frameworkId !== catalog.framework.id);
  const crossCheck = runRules({
    bundle: { ...existing.bundle, frameworks: [...existing.bundle.frameworks.filter((f) => f.id !== catalog.framework.id), ...read.bundle.frameworks], requirements: [...withoutOld, ...read.bundle.requirements] },
    mappingPairs: [],
    locate: (item) => read.locations.get(item) ?? { file: target },
  }).filter((p) => p.file === target);
  const fileErrors = errorsIn([...read.problems, ...crossCheck]);
  if (fileErrors.length) throw new DataFileError(fileErrors);

  fs.mkdirSync(path.dirname(target), { recursive: true });
  const temporary = `${target}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, text);
  fs.renameSync(temporary, target);
  return { written: target, framework: catalog.framework, requirements: catalog.requirements.length };
}

export async function importCommand(argv: string[]) {
  const { values, positionals } = parseCommandArgs(
    'import',
    argv,
    {
      format: { type: 'string' },
      'framework-id': { type: 'string' },
      name: { type: 'string' },
      edition: { type: 'string' },
      publisher: { type: 'string' },
      replace: { type: 'boolean' },
    },
    { positionals: true },
  );
  const format = requireOption('import', values, 'format');
  if (!(IMPORT_FORMATS as readonly string[]).includes(format))
    throw new InputError(`import: invalid format: "${format}" (supported: ${IMPORT_FORMATS.join(', ')})`);
  if (positionals.length !== 1) throw new InputError('import: give exactly one FILE to import');
  const result = importCsvCatalog({
    file: positionals[0]!,
    frameworkId: requireOption('import', values, 'framework-id'),
    name: requireOption('import', values, 'name'),
    edition: requireOption('import', values, 'edition'),
    publisher: values.publisher as string | undefined,
    replace: Boolean(values.replace),
  });
  console.log(`Imported ${result.requirements} requirements of ${result.framework.name} (${result.framework.edition}) as "${result.framework.id}" into ${path.relative(process.cwd(), result.written)}`);
}
