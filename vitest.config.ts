import { defineConfig } from "vitest/config";

// Tests run against the TypeScript sources; CLI tests run bin/mkimg, which needs the bundle
// dist/bundle/ (rebuilt by the global setup) and `dist/` (built by `npm test` before vitest starts).
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    pool: "forks",
    globalSetup: ["test/global-setup.ts"],
  },
});
