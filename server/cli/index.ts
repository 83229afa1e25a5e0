import { ConflictError, DataFileError, formatProblem, InputError, NotFoundError } from '../domain/errors.js';
import { ExitError } from './errors.js';

/** `writes`: the command may change the store or the data folder, so a refusal says that nothing was written. */
type Command = { summary: string; writes?: true; run: () => Promise<(argv: string[]) => Promise<void>> };

const COMMANDS: Record<string, Command> = {
  serve: { writes: true, summary: 'start the service (HOST, PORT, CROSSWALK_DATA_DIR, CROSSWALK_TOKENS, CROSSWALK_REVIEW_POLICY, NEO4J_URI)', run: async () => (await import('./commands/serve.js')).serveCommand },
  validate: { summary: 'check every catalog and mapping file, or the given files/folders against them [PATH...] [--alone] [--json]', run: async () => (await import('./commands/validate.js')).validateCommand },
  stats: { summary: 'requirements by kind and mappings by relationship and status [--source files|store] [--json]', run: async () => (await import('./commands/stats.js')).statsCommand },
  load: { writes: true, summary: 'load seeds/, mappings/ and imported catalogs into the store (idempotent, atomic) [--json]', run: async () => (await import('./commands/load.js')).loadCommand },
  report: { summary: 'report unmapped --from FW --to FW [--kind K]... [--scope TAG]... [--source files|store] [--json]; report disputed [--from FW --to FW] [--json]; report contradictions [--from FW --to FW] [--kind opposite|strictness] [--json]', run: async () => (await import('./commands/report.js')).reportCommand },
  import: {
    writes: true,
    summary: 'import --format csv|csv-crosswalk|olir|oscal|oscal-mapping|ciso-assistant|cprt|json FILE [--framework-id ID --name NAME --edition ED] [--short-name LABEL] [--from FW --to FW] [--sheet NAME] [--element-types T,T (cprt)] [--replace] [--skip-conflicts] [--no-load]',
    run: async () => (await import('./commands/import.js')).importCommand,
  },
  export: {
    summary: 'export --format csv|xlsx|oscal-mapping|olir-csv --from FW --to FW | --format oscal-catalog --framework FW | --format json [--out FILE]',
    run: async () => (await import('./commands/export.js')).exportCommand,
  },
  suggest: {
    writes: true,
    summary: 'suggest --from FW --to FW [--top K] [--method lexical|model|hybrid] [--model ID] [--rerank | --reranker ID] [--scope TAG] [--dry-run] [--json]: propose mappings for review',
    run: async () => (await import('./commands/suggest.js')).suggestCommand,
  },
  eval: {
    summary: 'eval --gold FILE [--blind] [--method lexical|model|hybrid] [--model ID] [--rerank | --reranker ID] [--baseline] [--json]: score the suggester against a gold CSV',
    run: async () => (await import('./commands/eval.js')).evalCommand,
  },
  models: {
    summary: 'models list [--json] | models pull [MODEL] [--pooling cls|mean] [--prefix P] [--dtype q8] [--reranker] | models build-word-vectors FOLDER... [--exclude REGEX] [--dims N] [--out FILE]: local models',
    run: async () => (await import('./commands/models.js')).modelsCommand,
  },
  search: {
    summary: 'search TEXT [--framework FW] [--limit N] [--json]: requirements by id, ref (however it is spelt), title or summary; exact hits first, marked =',
    run: async () => (await import('./commands/lookup.js')).searchCommand,
  },
  show: {
    summary: 'show ID [--include-rejected] [--json]: one requirement, where it sits, its mappings (read from it) and "no counterpart" records; ID may be a ref search names exactly ("42001 A.6.2.4")',
    run: async () => (await import('./commands/lookup.js')).showCommand,
  },
  gap: {
    summary: 'gap --target FW (--have FW | --have-requirements ID,… | --evidence) [--scope TAG] [--as-of D] [--max-path N] [--include-proposed] [--source files|store] [--json] [--format csv|xlsx --out FILE]',
    run: async () => (await import('./commands/gap.js')).gapCommand,
  },
  evidence: {
    writes: true,
    summary: 'evidence import --format csv FILE | export [--out FILE] | list [--json] | reach ID [--as-of D] [--max-path N] [--json]',
    run: async () => (await import('./commands/evidence.js')).evidenceCommand,
  },
  controls: {
    writes: true,
    summary: 'controls propose --frameworks A,B [--source files|store] [--save [--replace]] [--format csv|xlsx|json|oscal --out FILE] | list | import --format json|csv FILE | merge ID ID… | split ID --part "T=ID;ID"… | rename ID --title T',
    run: async () => (await import('./commands/controls.js')).controlsCommand,
  },
  ims: { summary: 'ims --standards A,B,C [--source files|store] [--json] [--format md|xlsx --out FILE] | ims align --framework FW [--out FILE]: draft the harmonized-structure file for a standard Crosswalk does not ship', run: async () => (await import('./commands/ims.js')).imsCommand },
  soa: {
    writes: true,
    summary: 'soa --framework FW [--as-of D] [--json] [--format csv|xlsx --out FILE] | soa import --format csv FILE [--framework FW]',
    run: async () => (await import('./commands/soa.js')).soaCommand,
  },
};

function help(name?: string) {
  const command = name === undefined ? undefined : COMMANDS[name];
  if (command) {
    console.log(`Usage: crosswalk ${command.summary}`);
    return;
  }
  if (name !== undefined) throw new InputError(`unknown command "${name}" (commands: ${Object.keys(COMMANDS).join(', ')})`);
  console.log('Usage: crosswalk <command> [options]   ("crosswalk help COMMAND" or "crosswalk COMMAND --help" for one)\n\nCommands:');
  for (const [commandName, { summary }] of Object.entries(COMMANDS)) console.log(`  ${commandName.padEnd(10)} ${summary}`);
}

let running: Command | undefined;

// Output piped into a reader that stops early (`crosswalk report … | head`) closes stdout; that is the reader's choice,
// not an error, so the command ends quietly instead of crashing on the write.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

async function main(argv: string[]) {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h') return help();
  if (name === 'help') return help(rest[0]);
  const command = COMMANDS[name];
  if (!command) throw new InputError(`unknown command "${name}" (commands: ${Object.keys(COMMANDS).join(', ')})`);
  if (rest.includes('--help') || rest.includes('-h')) return help(name);
  running = command;
  await (await command.run())(rest);
}

try {
  await main(process.argv.slice(2));
} catch (e) {
  if (e instanceof ExitError) process.exitCode = e.code;
  else if (e instanceof DataFileError) {
    e.problems.forEach((p) => console.error(formatProblem(p)));
    console.error(`${e.problems.length} problem${e.problems.length === 1 ? '' : 's'}${running?.writes ? '; nothing was written' : ''}.`);
    process.exitCode = 1;
  } else if (e instanceof InputError || e instanceof NotFoundError || e instanceof ConflictError) {
    console.error(`crosswalk: ${e.message}`);
    process.exitCode = 2;
  } else {
    console.error('crosswalk: internal error (this is a bug; please open an issue with the output below)');
    console.error(e);
    process.exitCode = 70;
  }
}
