/** A generated section of README.md: the text between two marker comments, rewritten by `npm run docs`. */
export interface ReadmeSection {
  readonly start: string;
  readonly end: string;
  /** The section's content (without the markers). */
  render(): string;
}

/** Replaces a generated section of a README text with what its renderer gives now. */
export function withSection(readme: string, section: ReadmeSection): string {
  const start = readme.indexOf(section.start);
  const end = readme.indexOf(section.end);
  if (start < 0 || end < 0) throw new Error(`README.md has lost the markers ${section.start} … ${section.end}`);
  return (
    readme.slice(0, start) +
    [section.start, section.render(), section.end].join("\n") +
    readme.slice(end + section.end.length)
  );
}

/** Rewrites README.md's section in place (the `main` of each generator). */
export function regenerate(section: ReadmeSection, what: string): void {
  const fs = require("node:fs") as typeof import("node:fs");
  const file = require("node:path").join(__dirname, "..", "..", "README.md");
  fs.writeFileSync(file, withSection(fs.readFileSync(file, "utf8"), section));
  console.log(`README.md ${what} regenerated`);
}
