import os from 'node:os';
import fs from 'node:fs';

export interface Timing {
  name: string;
  runs: number;
  p50: number;
  p95: number;
  max: number;
}

/** Runs `fn` for each input (after a short warm-up) and reports milliseconds at p50/p95. */
export async function timeEach<T>(name: string, inputs: T[], fn: (input: T) => Promise<unknown>, { warmup = 5 } = {}): Promise<Timing> {
  for (const input of inputs.slice(0, warmup)) await fn(input);
  const samples: number[] = [];
  for (const input of inputs) {
    const start = process.hrtime.bigint();
    await fn(input);
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))]!;
  return { name, runs: samples.length, p50: at(0.5), p95: at(0.95), max: samples.at(-1)! };
}

export async function timeOnce<T>(fn: () => Promise<T> | T): Promise<{ ms: number; result: T }> {
  const start = process.hrtime.bigint();
  const result = await fn();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, result };
}

export const fmt = (ms: number) => (ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2));

export function machine(): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  return `${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, ${os.type()} ${os.release()}, Node ${process.version}`;
}

/** Replaces the text between `<!-- name:start -->` and `<!-- name:end -->` in BENCHMARKS.md (adds the section if missing). */
export function writeSection(file: string, name: string, markdown: string) {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Benchmarks\n';
  const block = `${start}\n${markdown.trim()}\n${end}`;
  const pattern = new RegExp(`${start}[\\s\\S]*?${end}`);
  fs.writeFileSync(file, pattern.test(current) ? current.replace(pattern, block) : `${current.trimEnd()}\n\n${block}\n`);
}
