import { z } from 'zod';

export const feedIdArg = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,100}$/, 'a feedId from feeds_submit_listings or feeds_list')
  .describe('The feedId.');
