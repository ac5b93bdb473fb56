// Builds dist/esm (ESM + .d.ts) and dist/cjs (CommonJS + .d.ts) with tsc.
import { execFileSync } from 'node:child_process'
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const require = createRequire(import.meta.url)
let tsc
try {
  tsc = require.resolve('typescript/bin/tsc')
} catch {
  // Installed as a dependency (npm install <path>): dist is prebuilt by `npm pack`, or the
  // consumer runs `npm run build` in the checkout, where typescript is installed.
  console.error('bytelog: typescript is not installed; skipping the build')
  process.exit(0)
}
// Built beside dist and swapped in at the end, so that a test process reading dist while
// another process rebuilds never finds it half-written or missing for long.
const next = join(root, `dist-next-${process.pid}`)
rmSync(next, { recursive: true, force: true })
const builds = [['tsconfig.json', 'esm', 'module'], ['tsconfig.cjs.json', 'cjs', 'commonjs']]
try {
  for (const [project, dir, type] of builds) {
    execFileSync(process.execPath, [tsc, '-p', join(root, project), '--outDir', join(next, dir)], { stdio: 'inherit', cwd: root })
    mkdirSync(join(next, dir), { recursive: true })
    writeFileSync(join(next, dir, 'package.json'), `{ "type": "${type}" }\n`)
  }
  // CommonJS has no import.meta: src/transport.ts's one use becomes the URL of its ESM twin,
  // so that both builds start the ESM transport worker.
  const cjsTransport = join(next, 'cjs', 'transport.js')
  const code = readFileSync(cjsTransport, 'utf8')
  if (code.split('import.meta.url').length !== 2) throw new Error('build: expected one import.meta.url in dist/cjs/transport.js')
  writeFileSync(cjsTransport, code.replace('import.meta.url', 'require("node:url").pathToFileURL(require("node:path").join(__dirname, "..", "esm", "transport.js")).href'))
} catch (err) {
  rmSync(next, { recursive: true, force: true })
  throw err
}
rmSync(join(root, 'dist'), { recursive: true, force: true })
renameSync(next, join(root, 'dist'))
