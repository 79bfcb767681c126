// Lint: typescript-eslint's recommended rules, React hooks rules, and the layering rules of the
// architecture (who may import whom), so the map of the code stays true.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

// Bare module names ('electron') are matched exactly; path globs match import paths.
const restrict = (entries, message) => [
  'error',
  {
    paths: entries.filter((e) => !e.includes('/') && !e.includes('*')).map((name) => ({ name, message })),
    patterns: entries.filter((e) => e.includes('/') || e.includes('*')).map((group) => ({ group: [group], message })),
  },
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'release/**', 'test-results/**', 'coverage/**', '.bench/**', '.cache/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    files: ['**/*.cjs', 'scripts/**/*.mjs', 'bin/**'],
    languageOptions: { globals: { require: 'readonly', module: 'writable', __dirname: 'readonly', process: 'readonly', console: 'readonly', Buffer: 'readonly', setTimeout: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      'no-restricted-imports': restrict(['**/electron/engine/**', '**/electron/main/**', '**/electron/web/**', '**/electron/cli/**', '**/electron/preload/**', 'node:*', 'electron', 'better-sqlite3'], 'The renderer talks to the engine only through the contract (electron/shared).'),
    },
  },
  {
    files: ['electron/shared/**/*.ts'],
    rules: { 'no-restricted-imports': restrict(['**/engine/**', '**/main/**', '**/web/**', '**/cli/**', '**/preload/**', '**/renderer/**', 'node:*', 'electron', 'better-sqlite3'], 'electron/shared is pure: no Node, no DOM, no other layer.') },
  },
  {
    files: ['electron/engine/**/*.ts'],
    rules: { 'no-restricted-imports': restrict(['electron', '**/main/**', '**/web/**', '**/cli/**', '**/preload/**', '**/renderer/**'], 'The engine is plain Node: it never imports electron or a host.') },
  },
  {
    files: ['electron/main/**/*.ts', 'electron/web/**/*.ts', 'electron/cli/**/*.ts', 'electron/preload/**/*.ts', 'renderer/**/*.{ts,tsx}', 'test/**/*.ts'],
    rules: { 'no-restricted-syntax': ['error', { selector: "CallExpression[callee.property.name='prepare'][arguments.0.type='TemplateLiteral'][arguments.0.expressions.length>0]", message: 'Interpolated SQL: use bound parameters.' }] },
  },
);
