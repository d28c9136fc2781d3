/** How findings say where in a weight file something was found. */
import { text, trusted, type Text } from "../../core/text.js";

/** "GLOBAL at offset 180 in `archive/data.pkl`", "STACK_GLOBAL at offset 53". */
export function site(opcode: string, offset: number | undefined, where: string): Text {
  const at = offset !== undefined ? text`${trusted(opcode)} at offset ${offset}` : trusted(opcode);
  return where ? text`${at} in ${where}` : at;
}

/** "offset 52 in `archive/data.pkl`", "`archive/data.pkl`", "offset 52", or nothing. */
export function place(offset: number | undefined, where: string): Text {
  if (offset === undefined) return where ? text`in ${where}` : [];
  return where ? text`at offset ${offset} in ${where}` : text`at offset ${offset}`;
}
