/**
 * Trimming without regular expressions. `/x+$/` looks linear but is
 * quadratic on a long run of x's that does not reach the end (the engine
 * tries again from every x); these loops are linear whatever the input.
 */

/** `text` without the `chars` at its end. */
export function trimEndChars(text: string, chars: string): string {
  let end = text.length;
  while (end > 0 && chars.includes(text.charAt(end - 1))) end--;
  return text.slice(0, end);
}

/** `text` without the `chars` at its start. */
export function trimStartChars(text: string, chars: string): string {
  let start = 0;
  while (start < text.length && chars.includes(text.charAt(start))) start++;
  return text.slice(start);
}

/** `text` without the `chars` at either end. */
export function trimChars(text: string, chars: string): string {
  return trimStartChars(trimEndChars(text, chars), chars);
}

/** `text` up to the first of `chars` (all of it when there is none). */
export function beforeAny(text: string, chars: string): string {
  for (let i = 0; i < text.length; i++) if (chars.includes(text.charAt(i))) return text.slice(0, i);
  return text;
}
