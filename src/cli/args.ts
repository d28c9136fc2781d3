/**
 * Plain words for a mistyped command line. node:util's parseArgs refuses
 * an unknown option with a sentence meant for programmers (and a quote it
 * never closes: `as in '-- "--ofline"`); this says which option is wrong and
 * which one was probably meant, the way git and ESLint do.
 */
import { parseArgs, type ParseArgsConfig } from "node:util";

type ParseArgsOptionsConfig = NonNullable<ParseArgsConfig["options"]>;
import { closest } from "../core/suggest.js";

/** What to show after `--<option>` in "needs a value, as in …", per option. */
export type OptionExamples = Readonly<Record<string, string>>;

/**
 * The first problem with `args` as one line (without the `cardinal: `
 * prefix), or undefined when parseArgs will accept them. Tokens after `--`
 * are positionals and never a problem.
 */
export function optionProblem(args: readonly string[], options: ParseArgsOptionsConfig, examples: OptionExamples = {}): string | undefined {
  const { tokens } = parseArgs({ args: [...args], options, strict: false, allowPositionals: true, tokens: true });
  const long = Object.keys(options);
  for (const token of tokens) {
    if (token.kind !== "option") continue;
    // A known short option comes with its long name; an unknown one keeps its letter.
    const name = Object.hasOwn(options, token.name) ? token.name : undefined;
    const option = name === undefined ? undefined : options[name];
    if (name === undefined || option === undefined) {
      const arg = args[token.index] ?? token.rawName;
      // `-offline`: a long option written with one dash reads as the short options -o -f -f…
      const word = token.rawName.startsWith("--") ? token.name : arg.startsWith("-") && !arg.startsWith("--") && arg.length > 2 ? arg.slice(1).split("=")[0] ?? "" : "";
      // Compared with their dashes, so a short name still allows a typo or two (`--quite`).
      const meant = word === "" ? undefined : long.includes(word) ? word : closest(`--${word}`, long.map((l) => `--${l}`))?.slice(2);
      const shown = token.rawName.startsWith("--") ? token.rawName : word !== "" ? `-${word}` : token.rawName;
      return `unknown option "${shown}"${meant ? `; did you mean "--${meant}"?` : ""}`;
    }
    if (option.type === "boolean" && token.inlineValue) {
      return `--${name} takes no value; write --${name} alone, not "${args[token.index] ?? token.rawName}"`;
    }
    if (option.type === "string" && (token.value === undefined || (!token.inlineValue && token.value.startsWith("-")))) {
      const example = examples[name];
      return `--${name} needs a value${example ? `, as in --${name} ${example}` : ""}`;
    }
  }
  return undefined;
}

/** Node's own message, as a last resort, cut to its first sentence (the rest is for programmers). */
export function nodeOptionMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const first = message.split("\n")[0] ?? message;
  const sentence = /^(.*?\.)\s/.exec(first);
  return sentence?.[1] ?? first;
}
