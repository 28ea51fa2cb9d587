import next from 'eslint-config-next';
import nextTs from 'eslint-config-next/typescript';

const config = [
  ...next,
  ...nextTs,
  {
    rules: {
      // `const { dropped: _dropped, ...rest } = obj` is how we omit fields.
      '@typescript-eslint/no-unused-vars': ['warn', { ignoreRestSiblings: true, argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  { ignores: ['node_modules/**', '.next/**', 'generated/**', 'data/**', 'test-results/**', 'playwright-report/**', 'next-env.d.ts'] },
];

export default config;
