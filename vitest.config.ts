import { availableParallelism } from 'node:os'
import { relative } from 'node:path'
import { configDefaults, defineConfig } from 'vitest/config'
import { BaseSequencer, type TestSpecification } from 'vitest/node'

/** Measures heap bytes per call: it runs alone, after every other file (sequence.groupOrder). */
const ALLOC = 'test/alloc.test.ts'

/**
 * About how long (ms) each file takes on a 2-core machine when it runs alone, for a run
 * with no durations cached yet (a fresh clone): the longest start first, so that no long
 * file starts last and runs on by itself. Once vitest has cached durations, it uses those.
 */
const EXPECTED_MS: Record<string, number> = {
  'test/reliability-exit.test.ts': 60_000,
  'test/reliability-input.test.ts': 35_000,
  'test/reliability-slow.test.ts': 32_000,
  'test/package.test.ts': 17_000,
  'test/destination.test.ts': 13_000,
  'test/encoder.test.ts': 11_000,
  'test/transport.test.ts': 9_000,
  'test/pino-types.test.ts': 15_000,
  'test/bundle.test.ts': 10_000,
  'test/pino-face.test.ts': 2_000,
  'test/limits.test.ts': 3_000,
  'test/transport-parity.test.ts': 25_000,
  'test/time.test.ts': 8_000,
  'test/pino-compat.test.ts': 4_000,
  'test/examples.test.ts': 4_000,
  'test/ecosystem.test.ts': 2_000,
  'test/options.test.ts': 2_000,
  'test/pool.test.ts': 2_000,
  'test/logger.test.ts': 2_000,
  'test/redact.test.ts': 2_000,
}

/**
 * Longest first: failed files first, then by the duration vitest cached, else by
 * EXPECTED_MS; a file with neither (a new one) counts as long, as in vitest's own sequencer.
 */
class LongestFirst extends BaseSequencer {
  override async sort (files: TestSpecification[]): Promise<TestSpecification[]> {
    const cache = this.ctx.cache
    const root = this.ctx.config.root
    const expected = (spec: TestSpecification): { failed: boolean, ms: number } => {
      const file = relative(root, spec.moduleId).split('\\').join('/')
      const cached = cache.getFileTestResults(`${spec.project.name}:${file}`)
      return { failed: cached?.failed ?? false, ms: cached?.duration ?? EXPECTED_MS[file] ?? Infinity }
    }
    return [...files].sort((a, b) => {
      const group = a.project.config.sequence.groupOrder - b.project.config.sequence.groupOrder
      if (group !== 0) return group
      if (a.project.name !== b.project.name) return a.project.name < b.project.name ? -1 : 1
      const ea = expected(a)
      const eb = expected(b)
      if (ea.failed !== eb.failed) return ea.failed ? -1 : 1
      return ea.ms === eb.ms ? 0 : eb.ms > ea.ms ? 1 : -1
    })
  }
}

export default defineConfig({
  test: {
    pool: 'forks',
    setupFiles: ['test/fc-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // vitest's default is one worker fewer than the cores: on 2 cores, one file at a time.
    // The slow files spend much of their time waiting on child processes, pipes and
    // timers, so one worker more than the cores keeps every core busy.
    maxWorkers: availableParallelism() + 1,
    sequence: { sequencer: LongestFirst },
    projects: [
      {
        extends: true,
        test: { name: 'suite', include: ['test/**/*.test.ts'], exclude: [...configDefaults.exclude, ALLOC] },
      },
      {
        // After the suite, in a group of its own, one file at a time: nothing else loads the
        // CPU while it measures.
        extends: true,
        test: { name: 'alloc', include: [ALLOC], maxWorkers: 1, sequence: { groupOrder: 1 } },
      },
    ],
  },
})
