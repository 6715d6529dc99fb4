import { z } from 'zod';

export const amazonOrderIdArg = z
  .string()
  .regex(/^\d{3}-\d{7}-\d{7}$/, 'an Amazon order id like 123-1234567-1234567')
  .describe('Amazon order id, e.g. 113-1234567-1234567.');
