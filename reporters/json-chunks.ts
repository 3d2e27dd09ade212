// JSON.stringify of an object, produced in pieces: the elements of the top-level object's arrays
// (a long run's scenarios) one at a time, so that result.json and the HTML report's data are
// written without ever holding all of it as one string. Joined, the pieces are exactly
// JSON.stringify's text.

/** What JSON.stringify leaves out of an object: undefined, functions and symbols. */
function omitted(v: unknown): boolean {
  return v === undefined || typeof v === 'function' || typeof v === 'symbol';
}

/** The pieces of JSON.stringify(value, null, indent) for a plain object (no toJSON at the top). */
function* pieces(value: Record<string, unknown>, indent: number): Generator<string> {
  const nl = indent > 0 ? '\n' : '';
  const pad = (depth: number) => nl + ' '.repeat(indent * depth);
  // A value nested `depth` levels deep, as JSON.stringify would indent it there.
  const nested = (v: unknown, depth: number): string => {
    const text = JSON.stringify(v, null, indent);
    return indent > 0 ? text.replaceAll('\n', pad(depth)) : text;
  };
  const entries = Object.entries(value).filter(([, v]) => !omitted(v));
  if (entries.length === 0) {
    yield '{}';
    return;
  }
  yield '{';
  for (const [i, [key, v]] of entries.entries()) {
    const head = `${i === 0 ? '' : ','}${pad(1)}${JSON.stringify(key)}:${indent > 0 ? ' ' : ''}`;
    if (Array.isArray(v) && v.length > 0) {
      yield `${head}[`;
      // JSON.stringify writes null for what it cannot represent inside an array.
      for (const [j, item] of v.entries()) yield `${j === 0 ? '' : ','}${pad(2)}${omitted(item) ? 'null' : nested(item, 2)}`;
      yield `${pad(1)}]`;
    } else {
      yield head + nested(v, 1);
    }
  }
  yield `${pad(0)}}`;
}

/** The pieces of JSON.stringify(value, null, 2) + '\n': result.json. */
export function* jsonChunks(value: Record<string, unknown>): Generator<string> {
  yield* pieces(value, 2);
  yield '\n';
}

/** The pieces of JSON.stringify(value): the HTML report's embedded data. */
export function compactJsonChunks(value: Record<string, unknown>): Generator<string> {
  return pieces(value, 0);
}
