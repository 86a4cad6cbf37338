import { z } from 'zod';

/** Fleet names are slugs: they appear in URLs, selectors and generated hostnames. */
export const FLEET_NAME = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'a slug: lowercase letters, digits and "-", starting with a letter or digit, at most 63 characters');

/**
 * IOS `hostname` rules, relaxed to the names operators use in practice: a letter or digit first, then
 * letters, digits, `-`, `_` or `.`, at most 63 characters.
 */
export const HOSTNAME = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/, 'letters, digits, ".", "_" and "-", starting with a letter or digit, at most 63 characters');

export const LABEL_KEY = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_./-]{0,62}$/, 'label keys: letters, digits, "_", ".", "/" and "-", at most 63 characters');

export const LABELS = z
  .record(LABEL_KEY, z.string().max(255, 'label values: at most 255 characters'))
  .refine((labels) => Object.keys(labels).length <= 32, 'at most 32 labels');
