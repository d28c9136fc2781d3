/**
 * Where JSON text stops being JSON: the offset of the first character a
 * strict parser (RFC 8259, as `JSON.parse` and Python's `json` read it)
 * refuses. V8's messages give a position for most errors but not all
 * ("Unexpected token '}', … is not valid JSON"), so Cardinal finds it itself.
 * Iterative, so deep nesting cannot overflow the stack.
 *
 * Python's `json.loads` (what transformers, diffusers and PEFT use) also
 * accepts `NaN`, `Infinity` and `-Infinity`; so does this scanner, so that a
 * file Python loads is never called broken.
 */
export function jsonErrorOffset(source: string): number | undefined {
  let i = 0;
  const ws = () => {
    while (i < source.length && " \t\n\r".includes(source[i] as string)) i++;
  };
  const string = (): boolean => {
    if (source[i] !== '"') return false;
    i++;
    while (i < source.length) {
      const c = source.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return true;
      }
      if (c < 0x20) return false;
      if (c === 0x5c) {
        const e = source[i + 1];
        if (e === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(source.slice(i + 2, i + 6))) {
            i++;
            return false;
          }
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else {
          i++;
          return false;
        }
      } else i++;
    }
    return false;
  };
  const scalar = (): boolean => {
    for (const word of ["true", "false", "null", "NaN", "Infinity", "-Infinity"]) {
      if (source.startsWith(word, i)) {
        i += word.length;
        return true;
      }
    }
    const number = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(source.slice(i, i + 400));
    if (number && number[0] !== "" && number[0] !== "-") {
      i += number[0].length;
      return true;
    }
    return false;
  };
  /** Open containers: '{' or '['. */
  const stack: string[] = [];
  ws();
  for (;;) {
    // A value.
    ws();
    const c = source[i];
    if (c === "{" || c === "[") {
      stack.push(c);
      i++;
      ws();
      if (source[i] === (c === "{" ? "}" : "]")) {
        stack.pop();
        i++;
      } else {
        if (c === "{") {
          if (!string()) return i;
          ws();
          if (source[i] !== ":") return i;
          i++;
        }
        continue;
      }
    } else if (c === '"') {
      if (!string()) return i;
    } else if (!scalar()) return i;
    // After a value: close containers, or a comma and the next member.
    for (;;) {
      ws();
      const top = stack[stack.length - 1];
      if (top === undefined) {
        return i === source.length ? undefined : i;
      }
      const d = source[i];
      if (d === (top === "{" ? "}" : "]")) {
        stack.pop();
        i++;
        continue;
      }
      if (d !== ",") return i;
      i++;
      ws();
      if (top === "{") {
        if (!string()) return i;
        ws();
        if (source[i] !== ":") return i;
        i++;
      }
      break;
    }
  }
}
