// A test reporter that counts a suite whose own code or hooks failed (a database set-up in a describe body,
// say) as a failed test. Node's summary counts only tests, so such a run exits 1 while saying "fail 0";
// this reporter closes every run with the honest count and names each set-up failure.
export default async function* setUpFailures(source) {
  let passed = 0;
  let failed = 0;
  const setUp = [];
  for await (const event of source) {
    if (event.type !== "test:pass" && event.type !== "test:fail") continue;
    const { details, name, file } = event.data;
    if (details.type === "suite") {
      const failureType = details.error?.failureType;
      if (event.type === "test:fail" && failureType !== "subtestsFailed") {
        failed++;
        setUp.push(
          `✖ set-up of "${name}" (${file ?? "?"}) failed: ${details.error?.cause?.message ?? details.error?.message}`,
        );
      }
    } else if (event.type === "test:pass" && !event.data.skip) passed++;
    else if (event.type === "test:fail") failed++;
  }
  for (const line of setUp) yield `${line}\n`;
  yield `tests: ${passed} passed, ${failed} failed\n`;
}
