// ESLint (flat config): typescript-eslint's recommended rules over the TypeScript sources, ESLint's own over the
// few CommonJS scripts. `npm run lint`. Formatting is prettier's job (`npm run format:check`), not ESLint's.
// Exceptions are scoped to the files that need them, each with its reason.
import js from "@eslint/js";
import { defineConfig } from "eslint/config";
import tseslint from "typescript-eslint";

/** Node.js CommonJS globals, for the plain .js files (scripts/install-self.js, test fixtures). */
const nodeGlobals = Object.fromEntries(
  "require module exports __dirname __filename process console Buffer URL setTimeout clearTimeout"
    .split(" ")
    .map((name) => [name, "readonly"]),
);

export default defineConfig(
  { ignores: ["dist/", "node_modules/", ".tools/", "**/node_modules/"] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    files: ["**/*.js"],
    languageOptions: { sourceType: "commonjs", globals: nodeGlobals },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    files: ["**/*.ts"],
    rules: {
      // `_name` marks a parameter a signature needs but the body does not use.
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" },
      ],
      // `import x = require("./m")` is how TypeScript imports a module that uses `export =` (provider/instance.ts).
      "@typescript-eslint/no-require-imports": ["error", { allowAsImport: true }],
    },
  },
  {
    // Lazy `require()` is deliberate here: the serialized provider loads its runtime by package name inside each
    // method (README "Why the provider loads its code by package name"), and command-line entry points load heavy
    // modules (@pulumi/pulumi, node:fs) only when a command needs them.
    files: ["provider/**/*.ts", "scripts/**/*.ts"],
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    // The provider's methods mirror pulumi.dynamic.ResourceProvider, whose inputs are typed `any`.
    files: ["provider/dynamic-provider.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  {
    // Specs load modules by path (the registry test lists a folder), parse untyped JSON from servers and CLIs, match
    // control characters on purpose (redaction), and keep table rows' signatures uniform even when a row ignores an
    // argument.
    files: ["tests/**/*.ts"],
    rules: {
      "@typescript-eslint/no-explicit-any": "off",
      "@typescript-eslint/no-require-imports": "off",
      "no-control-regex": "off",
      "@typescript-eslint/no-unused-vars": ["error", { args: "none", varsIgnorePattern: "^_", caughtErrors: "none" }],
    },
  },
);
