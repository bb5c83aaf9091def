import { PACKAGE_NAME } from "./export-program";

/** What the generated package.json asks for (see ownPackage). */
export interface PackageFacts {
  readonly version: string;
  /** The @pulumi/pulumi range, one that works on the Node running the export. */
  readonly pulumiRange: string;
  /** How to install this package: `^version` from the registry, or the tarball / git URL this copy came from. */
  readonly packageSpec: string;
}

/**
 * A Pulumi project name from a folder name: letters, digits, `-`, `_` and `.` only. Never `opsmanager`: a project's
 * own config keys live in the namespace of its name, so its secrets would sit among the provider's `opsmanager:*`.
 */
export function projectName(folder: string): string {
  const name = folder.replace(/[^A-Za-z0-9_.-]+/g, "-").replace(/^[-.]+|[-.]+$/g, "");
  return !name || name === "opsmanager" ? "opsmanager-integrations" : name;
}

/**
 * The tsconfig `pulumi new typescript` writes (no esModuleInterop, no skipLibCheck): exported projects get the
 * same, and a test compiles a program against the package with it.
 */
export const TEMPLATE_TSCONFIG = {
  compilerOptions: {
    strict: true,
    outDir: "bin",
    target: "es2020",
    module: "commonjs",
    moduleResolution: "node",
    sourceMap: true,
    experimentalDecorators: true,
    pretty: true,
    noFallthroughCasesInSwitch: true,
    noImplicitReturns: true,
    forceConsistentCasingInFileNames: true,
  },
  files: ["index.ts"],
};

/**
 * The files of a new TypeScript Pulumi project around the exported program, as `pulumi new typescript` lays
 * them out: Pulumi.yaml, package.json, tsconfig.json and index.ts.
 */
export function projectFiles(folder: string, program: string, facts: PackageFacts): Record<string, string> {
  const name = projectName(folder);
  const pkg = {
    name,
    private: true,
    main: "index.ts",
    dependencies: { "@pulumi/pulumi": facts.pulumiRange, [PACKAGE_NAME]: facts.packageSpec },
    devDependencies: { "@types/node": "^20", typescript: "~5.9.3" },
  };
  return {
    "Pulumi.yaml": `name: ${name}\nruntime: nodejs\ndescription: MongoDB Ops Manager integrations, exported by ${PACKAGE_NAME}\n`,
    "package.json": JSON.stringify(pkg, null, 2) + "\n",
    "tsconfig.json": JSON.stringify(TEMPLATE_TSCONFIG, null, 2) + "\n",
    "index.ts": program,
  };
}
