import { API_KEY_NAME_PATTERN, API_ROLES } from '@asr-twin/persistence';
import { z } from 'zod';
import { PAGE_QUERY } from '../common/pagination.js';

export const CREATE_KEY = z.strictObject({
  name: z.string().regex(API_KEY_NAME_PATTERN, 'letters, digits, ".", "_", "@" and "-", starting with a letter or digit, at most 63 characters'),
  role: z.enum(API_ROLES),
});

export const LIST_KEYS = z.strictObject(PAGE_QUERY);
