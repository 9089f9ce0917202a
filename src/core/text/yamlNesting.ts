// How deep a YAML text nests, over-estimated in one linear pass, so that a hostile file is refused
// before the `yaml` package sees it: that parser descends by recursion, so its stack (and, reported
// on Node 20, V8 itself, fatally) gives out somewhere past a few thousand levels. Hand-kept files
// (knowledge files, annotation sidecars) nest four or five levels; a bound of a few dozen refuses
// nothing real.
//
// Counted: block levels (a stack of indentation columns, plus each `- ` or `? ` indicator on a line)
// and flow levels (`[` and `{`, closed by `]` and `}`). Not counted: brackets inside quoted scalars,
// comments and block scalars (`|`, `>`), which are text. An over-estimate is fine (a file refused
// that the parser would have read is still one clear message); a miss is not.

/** The offset where the nesting first goes past `limit` levels, or -1 when it never does. */
export function yamlNestingBeyond(text: string, limit: number): number {
  const indents: number[] = [];
  let flow = 0;
  /** Inside a quoted scalar (which may span lines): its quote character, or 0. */
  let quote = 0;
  /** Inside a block scalar: lines indented deeper than this are its text (-1 when not in one). */
  let blockScalarIndent = -1;
  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) {
      lineEnd = text.length;
    }
    let index = lineStart;
    while (index < lineEnd && text.charCodeAt(index) === 0x20) {
      index++;
    }
    const column = index - lineStart;
    const blank = index === lineEnd || text.charCodeAt(index) === 0x0d;
    if (blockScalarIndent >= 0 && (blank || column > blockScalarIndent)) {
      lineStart = lineEnd + 1;
      continue;
    }
    blockScalarIndent = -1;
    if (quote === 0 && flow === 0 && !blank && text.charCodeAt(index) !== 0x23) {
      while (indents.length > 0 && (indents[indents.length - 1] as number) > column) {
        indents.pop();
      }
      if (indents.length === 0 || (indents[indents.length - 1] as number) < column) {
        indents.push(column);
      }
      // Each `- ` or `? ` opens one more level on the same line.
      let indicators = 0;
      for (;;) {
        const code = text.charCodeAt(index);
        const next = text.charCodeAt(index + 1);
        if ((code === 0x2d || code === 0x3f) && (next === 0x20 || index + 1 >= lineEnd)) {
          indicators++;
          index += 2;
          while (index < lineEnd && text.charCodeAt(index) === 0x20) {
            index++;
          }
          continue;
        }
        break;
      }
      if (indents.length + indicators > limit) {
        return lineStart + column;
      }
    }
    let previous = 0x20;
    for (; index < lineEnd; index++) {
      const code = text.charCodeAt(index);
      if (quote !== 0) {
        if (quote === 0x22 && code === 0x5c) {
          index++;
        } else if (code === quote) {
          if (quote === 0x27 && text.charCodeAt(index + 1) === 0x27) {
            index++;
          } else {
            quote = 0;
          }
        }
        previous = code;
        continue;
      }
      if (code === 0x23 && (previous === 0x20 || previous === 0x09)) {
        break;
      }
      if ((code === 0x22 || code === 0x27) && isTokenStart(previous)) {
        quote = code;
      } else if (code === 0x5b || code === 0x7b) {
        flow++;
        if (indents.length + flow > limit) {
          return index;
        }
      } else if ((code === 0x5d || code === 0x7d) && flow > 0) {
        flow--;
      } else if ((code === 0x7c || code === 0x3e) && flow === 0 && isTokenStart(previous) && endsBlockScalarHeader(text, index + 1, lineEnd)) {
        blockScalarIndent = column;
        break;
      }
      previous = code;
    }
    lineStart = lineEnd + 1;
  }
  return -1;
}

/** A quote or block-scalar indicator starts a token after white space, a flow indicator, `:` or `-`. */
function isTokenStart(previous: number): boolean {
  return previous === 0x20 || previous === 0x09 || previous === 0x5b || previous === 0x7b || previous === 0x2c || previous === 0x3a || previous === 0x2d;
}

/** After `|` or `>`: only chomping and indentation indicators, then white space or a comment, to the end of the line. */
function endsBlockScalarHeader(text: string, index: number, lineEnd: number): boolean {
  for (; index < lineEnd; index++) {
    const code = text.charCodeAt(index);
    if (code === 0x2b || code === 0x2d || (code >= 0x31 && code <= 0x39)) {
      continue;
    }
    if (code === 0x20 || code === 0x09 || code === 0x0d) {
      continue;
    }
    return code === 0x23 && text.charCodeAt(index - 1) === 0x20;
  }
  return true;
}
