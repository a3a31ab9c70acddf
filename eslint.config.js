// Lint rules that catch real bugs; formatting is prettier's job.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "node_modules/",
      "cdk.out/",
      ".cotshare/",
      "coverage/",
      "test-artifacts/",
      "web/vendor/",
      "**/*.tmp.ts",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-console": "off",
    },
  },
  {
    // The pure core never touches AWS, the network or the disk.
    files: ["lambdas/core/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@aws-sdk/*", "aws-sdk", "@aws-lambda-powertools/*"],
              message: "core/ is pure: no AWS SDK",
            },
            {
              group: [
                "node:fs",
                "fs",
                "node:fs/*",
                "fs/*",
                "node:net",
                "net",
                "node:http",
                "http",
                "node:https",
                "https",
                "node:child_process",
                "child_process",
              ],
              message: "core/ does no I/O",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["web/**/*.js"],
    languageOptions: {
      globals: {
        window: "readonly",
        document: "readonly",
        fetch: "readonly",
        location: "readonly",
        history: "readonly",
        URL: "readonly",
        URLSearchParams: "readonly",
        crypto: "readonly",
        console: "readonly",
        setTimeout: "readonly",
        clearTimeout: "readonly",
        Blob: "readonly",
        TextEncoder: "readonly",
        localStorage: "readonly",
        HTMLElement: "readonly",
        KeyboardEvent: "readonly",
        CSS: "readonly",
        navigator: "readonly",
      },
    },
  },
  {
    files: ["bin/*.js"],
    languageOptions: { globals: { process: "readonly", console: "readonly" } },
  },
);
