import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openApiDocument } from './openapi';

type Doc = { openapi: string; paths: Record<string, Record<string, { responses: Record<string, unknown> }>>; components: { schemas: Record<string, unknown> } };
const doc = openApiDocument() as unknown as Doc;

/** Every `app/api/**\/route.ts` as an OpenAPI path: `[id]` → `{id}`. */
function routePaths(dir: string, prefix: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...routePaths(full, `${prefix}/${name.replace(/^\[(.+)\]$/, '{$1}')}`));
    else if (name === 'route.ts') out.push(prefix);
  }
  return out;
}

describe('the OpenAPI document generated from the contract', () => {
  it('is OpenAPI 3.1 and every $ref points at a component it defines', () => {
    expect(doc.openapi).toBe('3.1.0');
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]);
    expect(refs.length).toBeGreaterThan(20);
    expect(refs.filter((r) => !(r in doc.components.schemas))).toEqual([]);
  });

  it('describes every public route handler under app/api (itself excepted)', () => {
    const routes = routePaths(path.resolve(__dirname, '../../app/api'), '/api').filter((p) => p !== '/api/v1/openapi.json');
    expect(routes.length).toBeGreaterThan(10);
    expect(routes.filter((r) => !(r in doc.paths))).toEqual([]);
  });

  it('gives every operation a success answer with a schema', () => {
    for (const [p, ops] of Object.entries(doc.paths)) {
      for (const [method, o] of Object.entries(ops)) {
        const success = Object.entries(o.responses).find(([code]) => code.startsWith('2'));
        expect(success, `${method} ${p}`).toBeDefined();
        expect(JSON.stringify(success![1]), `${method} ${p}`).toContain('"schema"');
      }
    }
  });
});
