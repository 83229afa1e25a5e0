import { z } from 'zod';
import { FRAMEWORK_ID_PATTERN } from '../ids.js';

/** Framework ids are lowercase slugs that carry the edition: `iso27001-2022`, `nist-ai-rmf-1.0`. */
export const FrameworkIdSchema = z
  .string()
  .regex(FRAMEWORK_ID_PATTERN, 'a framework id is a lowercase slug with its edition, e.g. "iso27001-2022"');

/** A reference exactly as the publisher writes it (`A.6.2.4`, `GOVERN 1.1`, `Art. 9(2)`). */
export const RefSchema = z
  .string()
  .min(1, 'a ref cannot be empty')
  .refine((ref) => ref === ref.trim(), 'a ref cannot start or end with white space')
  .refine((ref) => !/[\n\r\t]/.test(ref), 'a ref must be on one line');

/** `<framework-id>:<ref>`; the framework id never contains a colon, the ref may. */
export const RequirementIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]*:\S.*$/, 'a requirement id is "<framework-id>:<ref>", e.g. "iso42001-2023:A.6.2.4"');

export const IsoDateSchema = z.iso.date();

export const TagSchema = z
  .string()
  .regex(/^[a-z][a-z0-9-]*(:[^\s].*)?$/, 'a tag is "name" or "name:value", e.g. "role:provider"');

export type FrameworkId = z.infer<typeof FrameworkIdSchema>;
export type RequirementId = z.infer<typeof RequirementIdSchema>;

/** A link to a public source: http(s) only, so a stored link can never run script when someone follows it. */
export const WebUrlSchema = z.url({ protocol: /^https?$/, message: 'expected an http(s) URL such as "https://…"' });
