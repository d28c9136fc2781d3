/**
 * Issue 20: the `text` tag took any `string[]` for composed Text and spliced
 * its strings in as prose, Cardinal's own markdown. A list read from a card
 * (tags, languages) interpolated by mistake would have reached the comment
 * unescaped. Prose parts now carry a brand no parser or payload can make.
 */
import { describe, expect, it } from "vitest";
import { renderText } from "../src/report/markdown.js";
import { annotationText } from "../src/report/check-run.js";
import { isProsePart, isText, joinText, plain, prose, quoted, text, trusted, type Text } from "../src/core/text.js";

const HOSTILE = ["<img src=x onerror=alert(1)>", "@everyone", "[click](https://evil.test)"];

describe("prose parts are branded", () => {
  it("a plain string array interpolated is a value, shown escaped, never markdown", () => {
    const message = text`Tags: ${HOSTILE}`;
    expect(message.filter(isProsePart).map((p) => p.prose)).toEqual(["Tags: "]);
    const md = renderText(message);
    expect(md.startsWith("Tags: `")).toBe(true);
    // The whole list is one code span: nothing of it is live markdown.
    expect(md).toBe(`Tags: \`${HOSTILE.join(",")}\``);
  });

  it("a parsed mapping that looks like a prose part is not one", () => {
    const forged = [{ prose: "**trusted?**" }];
    expect(isText(forged)).toBe(false);
    const message = text`Value: ${forged}`;
    expect(message.some(isProsePart)).toBe(true);
    expect(message.filter(isProsePart).map((p) => p.prose)).toEqual(["Value: "]);
    expect(renderText(message)).not.toContain("**trusted?**");
  });

  it("an unbranded string smuggled into a Text (through a cast) renders escaped", () => {
    const smuggled = ["*bold* <b>x</b>"] as unknown as Text;
    expect(renderText(smuggled)).not.toContain("<b>");
    expect(renderText([...prose("ok "), ...smuggled])).toMatch(/^ok \\\*bold\\\*/);
    expect(annotationText(smuggled)).toBe("*bold* <b>x</b>");
  });

  it("Text made by prose, trusted, text and joinText composes as before", () => {
    const items = ["a", "b"].map((v) => text`${v}`);
    const message = text`Found ${joinText(items, ", ")} in ${prose("the card")}; ${trusted("**2** keys")} and ${3} more.`;
    expect(isText(message)).toBe(true);
    expect(plain(message)).toBe("Found `a`, `b` in the card; **2** keys and 3 more.");
    expect(renderText(message)).toBe("Found `a`, `b` in the card; **2** keys and 3 more.");
    expect(renderText(text`${quoted("*x*")}`)).toBe("\\*x\\*");
  });

  it("prose parts cannot be changed after the fact", () => {
    const [part] = prose("fixed");
    expect(Object.isFrozen(part)).toBe(true);
  });
});
