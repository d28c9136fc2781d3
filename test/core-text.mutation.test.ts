/**
 * src/core/text.ts part by part: which values make which kind of part, how
 * each kind renders, and the checks that tell a branded prose part, a code
 * part and a quoted part from look-alikes.
 */
import { describe, expect, it } from "vitest";
import {
  code,
  isCodePart,
  isProsePart,
  isQuotedPart,
  isText,
  joinText,
  lastCharacter,
  plain,
  prose,
  proseOf,
  quoted,
  renderParts,
  saysSomething,
  text,
  trusted,
  type Text,
  type TextPart,
} from "../src/core/text.js";

/** Each part as `kind:value`, to compare messages exactly. */
const kinds = (message: Text) => message.map((p) => (isProsePart(p) ? `prose:${p.prose}` : isCodePart(p) ? `code:${p.code}` : `quoted:${(p as { quoted: string }).quoted}`));
const render = { prose: (v: string) => `P(${v})`, code: (v: string) => `C(${v})`, quoted: (v: string) => `Q(${v})` };

describe("the text tag", () => {
  it("literals are prose, values code, numbers prose; empty literals make no part", () => {
    expect(kinds(text`${"a"}${"b"}`)).toEqual(["code:a", "code:b"]);
    expect(kinds(text`key ${"x"} has ${3} values`)).toEqual(["prose:key ", "code:x", "prose: has ", "prose:3", "prose: values"]);
    expect(kinds(text``)).toEqual([]);
    expect(kinds(text`only words`)).toEqual(["prose:only words"]);
  });

  it("a value that is not a string becomes its string, as code", () => {
    expect(kinds(text`${true} ${null} ${undefined} ${["a", "b"]}`)).toEqual(["code:true", "prose: ", "code:null", "prose: ", "code:undefined", "prose: ", "code:a,b"]);
    expect(code(12)).toEqual({ code: "12" });
  });

  it("Text is spliced in, and a code or quoted part is kept as it is", () => {
    const inner = text`in ${"x"}`;
    const codePart = code("c");
    const quotedPart = quoted("q");
    const message = text`a ${inner} b ${codePart}${quotedPart}`;
    expect(kinds(message)).toEqual(["prose:a ", "prose:in ", "code:x", "prose: b ", "code:c", "quoted:q"]);
    expect(message[4]).toBe(codePart);
    expect(message[5]).toBe(quotedPart);
  });

  it("an empty list is Text (nothing), not a value", () => {
    expect(kinds(text`a${[]}b`)).toEqual(["prose:a", "prose:b"]);
  });
});

describe("rendering", () => {
  it("renderParts gives each kind of part to its renderer, in order", () => {
    expect(renderParts([...prose("p"), code("c"), quoted("q")], render)).toBe("P(p)C(c)Q(q)");
  });

  it("a part of no kind (a string cast into Text) goes to the quoted renderer as its string", () => {
    expect(renderParts(["raw" as unknown as TextPart, { prose: "forged" } as unknown as TextPart], render)).toBe("Q(raw)Q([object Object])");
  });

  it("plain shows values in backticks and the rest as it is", () => {
    expect(plain([...prose("a "), code("b"), quoted(" *c*")])).toBe("a `b` *c*");
  });

  it("lastCharacter: the last character as a reader sees it", () => {
    expect(lastCharacter([])).toBe("");
    expect(lastCharacter(text`ends with a dot.`)).toBe(".");
    expect(lastCharacter(text`a ${"value"}`)).toBe("`");
    expect(lastCharacter([quoted("words!")])).toBe("!");
    expect(lastCharacter(["cast?" as unknown as TextPart])).toBe("?");
    expect(lastCharacter(text`${"v"} and more`)).toBe("e");
  });

  it("proseOf: the words of a prose part, nothing for a value", () => {
    expect(proseOf(prose("words")[0]!)).toBe("words");
    expect(proseOf(code("v"))).toBeUndefined();
    expect(proseOf(quoted("q"))).toBeUndefined();
  });
});

describe("the kinds of part", () => {
  it("prose and trusted make one branded prose part", () => {
    expect(kinds(prose("a"))).toEqual(["prose:a"]);
    expect(kinds(trusted(`${1 + 1} keys`))).toEqual(["prose:2 keys"]);
    expect(isProsePart(trusted("x")[0])).toBe(true);
  });

  it("isProsePart wants the brand and a string", () => {
    const [branded] = prose("x");
    expect(isProsePart({ prose: "x" })).toBe(false);
    expect(isProsePart(null)).toBe(false);
    expect(isProsePart("x")).toBe(false);
    expect(isProsePart({ ...branded, prose: 3 })).toBe(false);
    expect(isProsePart({ ...branded })).toBe(true);
  });

  it("isCodePart and isQuotedPart want a mapping with a string of their key", () => {
    expect(isCodePart({ code: "x" })).toBe(true);
    expect(isCodePart({ code: 1 })).toBe(false);
    expect(isCodePart(null)).toBe(false);
    expect(isCodePart("code")).toBe(false);
    expect(isCodePart(Object.assign(["x"], { code: "x" }))).toBe(false);
    expect(isQuotedPart({ quoted: "x" })).toBe(true);
    expect(isQuotedPart({ quoted: 1 })).toBe(false);
    expect(isQuotedPart(null)).toBe(false);
    expect(isQuotedPart("quoted")).toBe(false);
    expect(isQuotedPart(Object.assign(["x"], { quoted: "x" }))).toBe(false);
  });

  it("isText: a list whose every part is one of the three kinds", () => {
    expect(isText([...prose("a"), code("b"), quoted("c")])).toBe(true);
    expect(isText([])).toBe(true);
    expect(isText([...prose("a"), "b"])).toBe(false);
    expect(isText(["b", ...prose("a")])).toBe(false);
    expect(isText({ 0: code("x"), length: 1 })).toBe(false);
    expect(isText("text")).toBe(false);
  });
});

describe("joinText", () => {
  it("puts the separator between items, not around them", () => {
    expect(kinds(joinText([text`${"a"}`, text`${"b"}`, text`${"c"}`], ", "))).toEqual(["code:a", "prose:, ", "code:b", "prose:, ", "code:c"]);
    expect(kinds(joinText([text`${"a"}`], ", "))).toEqual(["code:a"]);
    expect(joinText([], ", ")).toEqual([]);
  });
});

describe("saysSomething", () => {
  it("is false for no text and for an empty one, true for any part", () => {
    expect(saysSomething(undefined)).toBe(false);
    expect(saysSomething([])).toBe(false);
    expect(saysSomething(prose("Rename it."))).toBe(true);
  });
});
