// JSON.stringify of an object, produced in pieces: the elements of the top-level object's arrays
// (a long run's scenarios) one at a time, so that result.json and the HTML report's data are
// written without ever holding all of it as one string. Joined, the pieces are exactly
// JSON.stringify's text.

const INDENT = '  ';

/** JSON.stringify(value, null, 2) of a value nested `depth` levels deep. */
function nested(value: unknown, depth: number): string {
  const text = JSON.stringify(value, null, 2);
  return depth === 0 ? text : text.replaceAll('\n', `\n${INDENT.repeat(depth)}`);
}

/** What JSON.stringify leaves out of an object: undefined, functions and symbols. */
function omitted(v: unknown): boolean {
  return v === undefined || typeof v === 'function' || typeof v === 'symbol';
}

/** The pieces of JSON.stringify(value, null, 2) + '\n' for a plain object (no toJSON at the top). */
export function* jsonChunks(value: Record<string, unknown>): Generator<string> {
  const entries = Object.entries(value).filter(([, v]) => !omitted(v));
  if (entries.length === 0) {
    yield '{}\n';
    return;
  }
  yield '{';
  for (const [i, [key, v]] of entries.entries()) {
    const head = `${i === 0 ? '' : ','}\n${INDENT}${JSON.stringify(key)}: `;
    if (Array.isArray(v) && v.length > 0) {
      yield `${head}[`;
      for (const [j, item] of v.entries()) {
        // JSON.stringify writes null for what it cannot represent inside an array.
        yield `${j === 0 ? '' : ','}\n${INDENT.repeat(2)}${omitted(item) ? 'null' : nested(item, 2)}`;
      }
      yield `\n${INDENT}]`;
    } else {
      yield head + nested(v, 1);
    }
  }
  yield '\n}\n';
}

/** The pieces of JSON.stringify(value) (no indentation) for a plain object (no toJSON at the top). */
export function* compactJsonChunks(value: Record<string, unknown>): Generator<string> {
  let first = true;
  yield '{';
  for (const [key, v] of Object.entries(value)) {
    if (omitted(v)) continue;
    const head = `${first ? '' : ','}${JSON.stringify(key)}:`;
    first = false;
    if (Array.isArray(v) && v.length > 0) {
      yield `${head}[`;
      for (const [j, item] of v.entries()) yield `${j === 0 ? '' : ','}${omitted(item) ? 'null' : JSON.stringify(item)}`;
      yield ']';
    } else {
      yield head + JSON.stringify(v);
    }
  }
  yield '}';
}
