import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { installSpec, pulumiRangeFor } from "../../../provider/cli/own-package";

/** An exported project must install and run where the export ran. */
describe("export: what the generated package.json asks for", () => {
  const ranges: [string, string, string][] = [
    ["^3.139.0", "20.19.0", ">=3.139.0 <3.249.0"],
    ["^3.139.0", "v20.20.2", ">=3.139.0 <3.249.0"],
    ["^3.139.0", "22.13.0", "^3.139.0"],
    ["^3.139.0", "24.1.0", "^3.139.0"],
  ];
  for (const [peer, node, expected] of ranges) {
    it(`@pulumi/pulumi ${peer} on Node ${node}: ${expected}`, () => assert.equal(pulumiRangeFor(peer, node), expected));
  }

  describe("this package: the way the running copy was installed", () => {
    const root = path.join(os.tmpdir(), `own-package-${process.pid}`);
    before(() => fs.mkdirSync(root, { recursive: true }));
    after(() => fs.rmSync(root, { recursive: true, force: true }));

    /** A program at `<root>/<name>` whose package.json depends on the package with `spec`; returns its copy. */
    function installedIn(name: string, spec?: string, field = "dependencies"): string {
      const copy = path.join(root, name, "node_modules", "pulumi-opsmanager-integrations");
      fs.mkdirSync(copy, { recursive: true });
      const deps = spec === undefined ? {} : { [field]: { "pulumi-opsmanager-integrations": spec } };
      fs.writeFileSync(path.join(root, name, "package.json"), JSON.stringify({ name, ...deps }));
      return copy;
    }

    const rows: [string, string | undefined, string, string][] = [
      ["a tarball beside the program", "file:../pkg/pulumi-opsmanager-integrations-0.1.0.tgz", "app/opsmanager", "file:../../pkg/pulumi-opsmanager-integrations-0.1.0.tgz"],
      ["a tarball, written into a sibling folder", "file:../pkg/x.tgz", "exported", "file:../pkg/x.tgz"],
      ["an absolute tarball path (npx's cache)", "file:/srv/x.tgz", "app/opsmanager", `file:${path.relative(path.join(root, "app/opsmanager"), "/srv/x.tgz")}`],
      ["a git URL", "git+https://github.com/acme/pulumi-opsmanager-integrations.git#v0.1.0", "app/out", "git+https://github.com/acme/pulumi-opsmanager-integrations.git#v0.1.0"],
      ["a registry range", "^0.1.0", "app/out", "^0.1.0"],
      ["no dependency on it", undefined, "app/out", "^0.1.0"],
    ];
    for (const [what, spec, out, expected] of rows) {
      it(`${what}: ${expected}`, () => {
        const copy = installedIn("app", spec);
        assert.equal(installSpec(copy, "0.1.0", path.join(root, out)), expected);
      });
    }

    it("a devDependency counts too", () => {
      const copy = installedIn("dev", "file:./pkg.tgz", "devDependencies");
      assert.equal(installSpec(copy, "0.1.0", path.join(root, "dev", "out")), "file:../pkg.tgz");
    });

    it("a copy that is not in node_modules (a clone, the source tree) asks the registry", () => {
      assert.equal(installSpec(path.join(root, "clone"), "0.1.0", path.join(root, "out")), "^0.1.0");
    });
  });
});
