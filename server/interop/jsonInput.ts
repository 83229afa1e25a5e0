import { parseDocument } from 'yaml';
import { parseOscalXml } from './oscalXml.js';
import type { z } from 'zod';
import { formatPath, toData, type PathSegment } from '../content/yamlDocument.js';
import type { Problem } from '../domain/errors.js';

/** Parses JSON input; a syntax error becomes one problem that names the line where the JSON stops being valid. */
export function parseJsonInput(text: string, file: string): { data?: unknown; problems: Problem[] } {
  const source = text.replace(/^\uFEFF/, '');
  try {
    return { data: JSON.parse(source), problems: [] };
  } catch (e) {
    const offset = jsonErrorOffset(source);
    const line = offset === undefined ? undefined : source.slice(0, offset).split('\n').length;
    return { problems: [{ file, ...(line ? { line } : {}), message: `not valid JSON: ${(e as Error).message.split('\n')[0]}`, severity: 'error' }] };
  }
}

/**
 * Parses an OSCAL document, which NIST publishes as JSON, YAML and XML of one model, into its JSON shape: XML starts
 * with "<" (see oscalXml.ts), JSON with "{" or "[", and anything else is read as YAML.
 */
export function parseOscalInput(text: string, file: string): { data?: unknown; problems: Problem[] } {
  const source = text.replace(/^\uFEFF/, '');
  const first = source.trimStart()[0];
  if (first === '{' || first === '[') return parseJsonInput(source, file);
  if (first === '<') return parseOscalXml(source, file);
  const document = parseDocument(source);
  const [error] = document.errors;
  if (error) return { problems: [{ file, ...(error.linePos ? { line: error.linePos[0].line } : {}), message: `not valid JSON or YAML: ${error.message.split('\n')[0]}`, severity: 'error' }] };
  const problems: Problem[] = [];
  const data = toData(document, file, problems);
  return { data, problems };
}

/**
 * A problem list for one input file and the function that adds to it, naming the JSON path of each problem: what
 * every JSON importer starts with, after parsing.
 */
export function problemReporter(file: string, problems: Problem[] = []) {
  const report = (at: PathSegment[], message: string, severity: Problem['severity'] = 'error') =>
    problems.push({ file, ...(at.length ? { path: formatPath(at) } : {}), message, severity });
  return { problems, report };
}

/**
 * Offset of the first character where `text` stops being JSON (Node's JSON.parse messages do not always say).
 * A small recursive-descent scan; it only locates the error, JSON.parse does the parsing.
 */
export function jsonErrorOffset(text: string): number | undefined {
  let i = 0;
  class Stop extends Error {}
  const fail = (): never => {
    throw new Stop();
  };
  const space = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const literal = (word: string) => (text.startsWith(word, i) ? (i += word.length) : fail());
  const string = () => {
    if (text[i] !== '"') fail();
    for (i++; i < text.length; i++) {
      const c = text[i]!;
      if (c === '"') return void i++;
      if (c < ' ') fail();
      if (c === '\\') {
        i++;
        if (text[i] === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail();
          i += 4;
        } else if (!'"\\/bfnrt'.includes(text[i] ?? 'x')) fail();
      }
    }
    fail();
  };
  const value = (): void => {
    space();
    const c = text[i];
    if (c === '{') {
      i++;
      space();
      if (text[i] === '}') return void i++;
      for (;;) {
        space();
        string();
        space();
        if (text[i] !== ':') fail();
        i++;
        value();
        space();
        if (text[i] === ',') i++;
        else if (text[i] === '}') return void i++;
        else fail();
      }
    }
    if (c === '[') {
      i++;
      space();
      if (text[i] === ']') return void i++;
      for (;;) {
        value();
        space();
        if (text[i] === ',') i++;
        else if (text[i] === ']') return void i++;
        else fail();
      }
    }
    if (c === '"') return string();
    if (c === 't') return void literal('true');
    if (c === 'f') return void literal('false');
    if (c === 'n') return void literal('null');
    const number = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
    if (!number) fail();
    i += number![0].length;
  };
  try {
    value();
    space();
    return i < text.length ? i : undefined;
  } catch (e) {
    if (e instanceof Stop) return Math.min(i, text.length);
    throw e;
  }
}

/** zod issues as located problems, their paths prefixed with where the checked value sits in the file. */
export const issuesToProblems = (issues: readonly z.core.$ZodIssue[], file: string, prefix: readonly PathSegment[] = []): Problem[] =>
  issues.map((issue) => {
    const path = formatPath([...prefix, ...(issue.path as PathSegment[])]);
    return { file, ...(path ? { path } : {}), message: issue.message, severity: 'error' as const };
  });

export const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** `YYYY-MM-DD` of an ISO date or date-time, or undefined when it is not one. */
export const isoDateOf = (value: unknown): string | undefined => {
  if (typeof value !== 'string') return undefined;
  const match = /^(\d{4}-\d{2}-\d{2})(T|$)/.exec(value.trim());
  return match && !Number.isNaN(Date.parse(match[1]!)) ? match[1] : undefined;
};

export const currentDate = (): string => new Date().toISOString().slice(0, 10);
