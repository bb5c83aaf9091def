/** A numbered step that failed: what the user reads last before the non-zero exit. */
export class StepError extends Error {
  override name = "StepError";
  constructor(
    readonly step: number,
    readonly title: string,
    options: { cause: unknown },
  ) {
    const why = options.cause instanceof Error ? options.cause.message : String(options.cause);
    super(`step ${step} (${title}): ${why}`, options);
  }
}

/** Prints numbered progress ("[3/7] Setting the stack config") and times each step. */
export interface Steps {
  /** Runs one step; a failure is rethrown as a {@link StepError} naming the step. */
  run<T>(title: string, fn: () => Promise<T>): Promise<T>;
  /** Runs the last step (clean-up), numbered `total` even when an earlier step failed and others were skipped. */
  last<T>(title: string, fn: () => Promise<T>): Promise<T>;
  /** Prints an indented detail line under the current step. */
  detail(line: string): void;
}

/** Numbered steps out of `total`, written with `write` (stdout by default). */
export function createSteps(total: number, write: (line: string) => void = (line) => console.log(line)): Steps {
  let current = 0;
  const steps: Steps = {
    last(title, fn) {
      current = total - 1;
      return steps.run(title, fn);
    },
    async run(title, fn) {
      current += 1;
      const n = current;
      write(`\n[${n}/${total}] ${title}`);
      const started = Date.now();
      try {
        const value = await fn();
        write(`      ok (${((Date.now() - started) / 1000).toFixed(1)}s)`);
        return value;
      } catch (error) {
        throw new StepError(n, title, { cause: error });
      }
    },
    detail(line) {
      write(`      ${line}`);
    },
  };
  return steps;
}

/** Indents a child process's output under the current step, line by line, as it arrives. */
export function indentStream(write: (text: string) => void, prefix = "      | "): (chunk: string) => void {
  let atLineStart = true;
  return (chunk) => {
    let out = "";
    for (const ch of chunk) {
      if (atLineStart) out += prefix;
      out += ch;
      atLineStart = ch === "\n";
    }
    write(out);
  };
}
