import { z } from 'zod';
const u = z.url({ message: 'bad' });
for (const s of ['https://x.org/a b', 'file:///tmp/x.pdf', 's3://bucket/key', 'docs/x.pdf', 'mailto:a@b.c', 'https://sharepoint.com/sites/x?y=1']) console.log(s, u.safeParse(s).success);
console.log(z.iso.datetime({ offset: true }).safeParse('2026-01-01T00:00:00Z').success, z.iso.datetime({ offset: true }).safeParse('2026-01-01T00:00:00+02:00').success);
