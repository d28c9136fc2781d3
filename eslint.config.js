// @ts-check
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import redos from "eslint-plugin-redos";

/**
 * Modules that do I/O. The pure core (core/, parse/, rules/, report/) must not import them.
 * `lru-cache` is not among them: the core bounds its caches with it.
 */
const IO_MODULES = [
  "probot",
  "@octokit/*",
  "@huggingface/hub",
  "node:fs",
  "node:fs/promises",
  "fs",
  "fs/promises",
  "node:http",
  "node:https",
  "http",
  "https",
  "node:net",
  "net",
  "node:child_process",
  "child_process",
  "node:process",
  "process",
  // createRequire reads files (a package's JSON) at run time: data comes in through imports.
  "node:module",
  "module",
  "undici",
  "tinyglobby",
];

export default tseslint.config(
  { ignores: ["lib/", "node_modules/", "coverage/", ".scratch/", ".stryker-tmp/", "reports/", "**/fixtures/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: "readonly", console: "readonly", URL: "readonly", Buffer: "readonly" } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
    },
  },
  {
    files: ["src/core/**/*.ts", "src/parse/**/*.ts", "src/rules/**/*.ts", "src/report/**/*.ts"],
    ignores: ["**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: IO_MODULES, message: "core/, parse/, rules/ and report/ stay free of I/O; do I/O in io/ and pass data in." },
            { group: ["**/io/**", "**/cli/**"], message: "The pure core must not depend on the I/O layers." },
          ],
        },
      ],
      "no-restricted-globals": [
        "error",
        { name: "fetch", message: "No network in the pure core; use a port passed in from io/." },
        { name: "process", message: "No environment access in the pure core; pass values in." },
      ],
      "no-restricted-properties": [
        "error",
        { object: "Date", property: "now", message: "No clock in the pure core; pass the time in." },
      ],
    },
  },
  {
    // Every regular expression literal in Cardinal's code is checked for catastrophic
    // backtracking (ReDoS) by recheck: much of what they read comes from pull requests.
    files: ["src/**/*.ts"],
    plugins: { redos },
    rules: { "redos/no-vulnerable": ["error", { timeout: 10000 }] },
  },
);
