// test/pino-types/app.ts is a small app written against pino's types. It must type-check
// against bytelog's types as shipped (dist/*.d.ts, through the package's exports) and, with
// only its import line changed to 'pino', against pino's own: the same file is a valid pino
// app and a valid bytelog app. tsc also fails on any @ts-expect-error line that is not an
// error, so the lines the types must reject are checked under both.
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { PRIMARY } from './runs.js'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const app = readFileSync(join(root, 'test', 'pino-types', 'app.ts'), 'utf8')
const IMPORT = "import pino from '../../src/index.js'"
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc')
// Inside the package (so that 'bytelog' resolves to itself through package.json's exports).
mkdirSync(join(root, '.cache'), { recursive: true })
const dir = mkdtempSync(join(root, '.cache', 'pino-types-'))

/** Type-checks the app once per import source, in one tsc run; returns tsc's report. */
function check (sources: readonly string[]): string {
  const files = sources.map((from, i) => {
    writeFileSync(join(dir, `app-${i}.ts`), app.replace(IMPORT, `import pino from '${from}'`))
    return `app-${i}.ts`
  })
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({
    compilerOptions: {
      strict: true, exactOptionalPropertyTypes: true, noEmit: true, module: 'NodeNext', moduleResolution: 'NodeNext',
      target: 'ES2022', types: ['node'], typeRoots: [join(root, 'node_modules', '@types')], skipLibCheck: true,
    },
    files,
  }))
  try {
    return execFileSync(process.execPath, [tsc, '-p', join(dir, 'tsconfig.json')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
  } catch (err) {
    return (err as { stdout: string }).stdout || String(err)
  }
}

describe('a pino-typed app', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('imports pino the way the app does', () => {
    expect(app).toContain(IMPORT)
    expect(app.split('@ts-expect-error').length - 1).toBeGreaterThanOrEqual(5)
  })

  // Types are the same on every runtime: the first pass checks them.
  it.runIf(PRIMARY)("type-checks with the import from 'pino' and from 'bytelog' (as built)", () => {
    expect(check(['pino', 'bytelog'])).toBe('')
  })
})
