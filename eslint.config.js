// ESLint flat config: typescript-eslint's recommended rules (type-aware where the checker is
// already built), a size limit on src functions, and the import boundaries of the flow.
// Formatting is Prettier's (.prettierrc.json); no ESLint rule here is about layout.
import js from '@eslint/js';
import globals from 'globals';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

// The flow: faces (src/cli, src/action) call stages; a stage never calls a face, and what else
// each stage may not import is in FORBIDDEN. A folder under src/ not named there has no boundary.
const FACES = ['cli', 'action'];
const STAGES = ['install', 'transport', 'executables', 'provision', 'session', 'suite', 'report', 'python'];

/** What each stage may not import, by folder under src/ ('*' = every folder under src/ and src/version.ts). */
const FORBIDDEN = {
  install: [...FACES, 'session'],
  transport: ['*'],
  executables: ['*'],
  provision: [...FACES],
  session: [...FACES, 'suite', 'report'],
  suite: [...FACES],
  report: [...FACES, ...STAGES.filter((s) => s !== 'report')],
  python: [...FACES],
};

/**
 * Plain result types the report stage reads: `import type` only, from exactly these modules.
 * Each entry is a path under src/ without the extension.
 */
const REPORT_TYPES = ['suite/results', 'session/types', 'python/coverage'];

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/**
 * no-restricted-imports patterns for a file `depth` folders below src/: an import specifier
 * climbing exactly `depth` levels lands in src/, so `^(\.\./){depth}suite(/|$)` is src/suite.
 */
function boundaryPatterns(stage, depth, test) {
  const up = `^(\\.\\./){${depth}}`;
  const patterns = [];
  if (FORBIDDEN[stage].includes('*')) {
    patterns.push({
      // Its tests may still use the shared test servers in test/helpers.
      regex: test ? `${up}(?!\\.\\./test/helpers/)` : up,
      message: `src/${stage} imports nothing of ours (only Node and its own dependencies).`,
    });
    return patterns;
  }
  const folders = FORBIDDEN[stage];
  const faces = folders.filter((f) => FACES.includes(f));
  const stages = folders.filter((f) => !FACES.includes(f));
  if (faces.length) {
    patterns.push({
      regex: `${up}(${faces.join('|')})(/|$)`,
      message: `A stage (src/${stage}) never imports a face (src/cli, src/action); faces call stages.`,
    });
  }
  if (stage === 'report') {
    const typeOnly = REPORT_TYPES.map((m) => `${escape(m)}(\\.js)?$`);
    patterns.push({
      regex: `${up}(?!(${typeOnly.join('|')}))(${stages.join('|')})(/|$)`,
      message: `src/report imports no stage; only \`import type\` from ${REPORT_TYPES.map((m) => `src/${m}`).join(', ')}.`,
    });
    patterns.push({
      regex: `${up}(${typeOnly.join('|')})`,
      allowTypeImports: true,
      message: 'src/report takes plain result types from this module: `import type`, no values.',
    });
  } else if (stages.length) {
    patterns.push({
      regex: `${up}(${stages.join('|')})(/|$)`,
      message: `src/${stage} may not import src/{${stages.join(',')}}: the flow runs the other way.`,
    });
  }
  return patterns;
}

const boundaries = Object.keys(FORBIDDEN).flatMap((stage) =>
  [1, 2, 3, 4].flatMap((depth) => {
    const files = `src/${stage}/${'*/'.repeat(depth - 1)}*`;
    const rule = (test) => ({ '@typescript-eslint/no-restricted-imports': ['error', { patterns: boundaryPatterns(stage, depth, test) }] });
    return [
      { files: [`${files}.ts`], ignores: [`${files}.test.ts`], rules: rule(false) },
      { files: [`${files}.test.ts`], rules: rule(true) },
    ];
  }),
);

export default defineConfig(
  { ignores: ['dist/', 'node_modules/', 'fixtures/', 'coverage/', 'blender/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['eslint.config.js', 'scripts/*.mjs'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': ['error', { prefer: 'type-imports', fixStyle: 'inline-type-imports' }],
      // A promise handed where a callback's return is ignored (event handlers, timers) is the
      // code's normal way to start work; floating promises are still caught.
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
    },
  },
  {
    // Plain JavaScript (this file, scripts/build.mjs): Node globals, no type information.
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { globals: globals.node },
  },
  {
    // vitest's asymmetric matchers (expect.stringContaining and kin) are typed `any`.
    files: ['**/*.test.ts'],
    rules: { '@typescript-eslint/no-unsafe-assignment': 'off' },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/**/*.test.ts'],
    rules: {
      'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true, IIFEs: true }],
    },
  },
  ...boundaries,
);
