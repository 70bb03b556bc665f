// A compact node:test reporter: one line per test, failures in full at the end, and a closing
// "N passed, N failed, N skipped" line (the plain line any CI reads). Plain JS: Node 20 loads
// reporters without the tsx loader.

/** @param {AsyncIterable<{type: string, data: any}>} source */
export default async function* reporter(source) {
  let passed = 0,
    failed = 0,
    skipped = 0;
  const failures = [];
  for await (const event of source) {
    const data = event.data;
    if (event.type === 'test:pass' || event.type === 'test:fail') {
      if (data.details?.type === 'suite') continue;
      if (event.type === 'test:pass') {
        if (data.skip !== undefined || data.todo !== undefined) {
          skipped++;
          yield `  skip  ${data.name}${typeof data.skip === 'string' ? ` (${data.skip})` : ''}\n`;
        } else {
          passed++;
          yield `  ok    ${data.name}\n`;
        }
      } else {
        failed++;
        const err = data.details?.error;
        const cause = err?.cause instanceof Error ? err.cause : err;
        const text =
          cause instanceof Error ? (cause.stack ?? cause.message) : String(cause?.message ?? cause);
        failures.push(`${data.name} (${data.file ?? ''})\n${text}`);
        yield `  FAIL  ${data.name}\n`;
      }
    } else if (event.type === 'test:stderr' || event.type === 'test:stdout') {
      yield data.message;
    }
  }
  if (failures.length) yield `\nFailures:\n${failures.map((f) => `--- ${f}`).join('\n\n')}\n`;
  yield `\n${passed} passed, ${failed} failed, ${skipped} skipped\n`;
}
