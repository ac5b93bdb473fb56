// bytelog as built from src/ right now, with the project's tsconfig (the compiler and
// options of dist/esm), into bench/out/bytelog-<pid>, a directory of this run's own: a
// build of dist/ running alongside (npm test rebuilds it), or another bench script's
// build, cannot change or remove what is being measured. Removed when the run exits.
// Returns the file URL the benchmarks import it from (they read it from BENCH_BYTELOG).
import { execFileSync } from 'node:child_process'
import * as fs from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')

export function buildBytelog () {
  const out = join(root, 'bench', 'out', `bytelog-${process.pid}`)
  fs.rmSync(out, { recursive: true, force: true })
  process.on('exit', () => fs.rmSync(out, { recursive: true, force: true }))
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc')
  try {
    execFileSync(process.execPath, [tsc, '-p', 'tsconfig.json', '--outDir', out, '--declaration', 'false', '--sourceMap', 'false'], {
      cwd: root, stdio: 'inherit', timeout: 180_000,
    })
  } catch {
    console.error('bench: src/ did not compile (errors above, or tsc ran over 3 minutes); nothing was measured')
    process.exit(1)
  }
  fs.writeFileSync(join(out, 'package.json'), '{ "type": "module" }\n')
  return pathToFileURL(join(out, 'index.js')).href
}
