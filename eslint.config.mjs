import next from 'eslint-config-next';
import nextTs from 'eslint-config-next/typescript';

export default [
  ...next,
  ...nextTs,
  { ignores: ['node_modules/**', '.next/**', 'generated/**', 'data/**', 'test-results/**', 'playwright-report/**', 'next-env.d.ts'] },
];
