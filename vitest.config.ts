import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Blender sessions take seconds to start; the suites run real Blender, not mocks.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Two cores: Blender-heavy files in parallel would only fight over them.
    fileParallelism: false,
    reporters: ['default', './test/helpers/closing-line-reporter.ts'],
  },
});
