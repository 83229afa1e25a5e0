import { parseArgs, type ParseArgsConfig } from 'node:util';
import { InputError } from '../domain/errors.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/** node:util parseArgs with errors that name the command and how to get help. */
export function parseCommandArgs<O extends Options>(command: string, argv: string[], options: O, { positionals = false } = {}) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: positionals, strict: true });
  } catch (e) {
    throw new InputError(`${command}: ${(e as Error).message.replace(/\. To specify.*$/s, '')} (see "crosswalk help ${command.split(' ')[0]}")`);
  }
}

export function requireOption(command: string, values: Record<string, unknown>, name: string): string {
  const value = values[name];
  if (typeof value !== 'string' || value === '') throw new InputError(`${command}: --${name} is required`);
  return value;
}
