/**
 * fast-check run counts for the vitest passes of `npm test` (scripts/test.mjs). The first pass
 * (BYTELOG_TEST_PRIMARY=1, or unset: a plain `vitest run`) runs every property its full
 * count. The later passes (Node 24 and Node 26, BYTELOG_TEST_PRIMARY=0) repeat the same
 * properties on other engines with a quarter of the runs, never fewer than 100 (or the full count when
 * that is smaller). Seeds are random on both passes, so the second one draws new inputs.
 */
export const PRIMARY = process.env.BYTELOG_TEST_PRIMARY !== '0'

/** The number of runs for a property whose full count is `n`. */
export function runs (n: number): number {
  return PRIMARY ? n : Math.max(Math.min(n, 100), Math.ceil(n / 4))
}

/** "20,000 runs": the count `runs(n)` gives, for a test's title. */
export function runsLabel (n: number): string {
  return `${runs(n).toLocaleString('en-US')} runs`
}
