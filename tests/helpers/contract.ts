import { expect } from 'vitest';
import type { z } from 'zod';

/**
 * A real answer, through JSON like on the wire, must match its contract schema exactly:
 * parsing may not drop or change a single field, since the browser keeps only what the
 * schema knows.
 */
export function expectContract<S extends z.ZodType>(schema: S, answer: unknown): z.infer<S> {
  const wire = JSON.parse(JSON.stringify(answer)) as unknown;
  const checked = schema.safeParse(wire);
  expect(checked.success ? [] : checked.error.issues.slice(0, 5)).toEqual([]);
  expect(checked.data).toEqual(wire);
  return checked.data as z.infer<S>;
}
