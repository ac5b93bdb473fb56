// Builds dist/cjs (the implementation: CommonJS, source maps into src/, .d.ts) and dist/esm
// (.d.ts, an ESM entry that re-exports the CommonJS build, and the transport worker) with tsc.
//
// One implementation for both formats: a logger made through `import` is an instance of the
// Logger that `require` gives, and a process that loads bytelog both ways has one exit hook
// and one pool. The ESM entry is a thin re-export rather than the other way round because
// require() of ESM is not available on Node 20. The transport worker stays ESM: its dynamic
// import() loads ESM and CommonJS transports alike, which tsc's CommonJS output (require)
// would not.
import { execFileSync } from 'node:child_process'
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
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
  // In an ESM bundle (esbuild --format=esm) there is no __dirname: the worker's path then
  // comes from globalThis.__bundlerPathsOverrides (src/transport.ts).
  writeFileSync(cjsTransport, code.replace('import.meta.url', '(typeof __dirname === "string" ? require("node:url").pathToFileURL(require("node:path").join(__dirname, "..", "esm", "transport.js")).href : "file:///bytelog/esm/transport.js")'))
  // require('bytelog') is the pino-faced function itself, carrying every named export and
  // .default, as require('pino') is pino.
  const cjsIndex = join(next, 'cjs', 'index.js')
  const index = readFileSync(cjsIndex, 'utf8')
  const mapLine = index.lastIndexOf('//# sourceMappingURL=')
  if (mapLine < 0) throw new Error('build: expected a source map comment in dist/cjs/index.js')
  writeFileSync(cjsIndex, `${index.slice(0, mapLine)}module.exports = Object.assign(exports.default, exports);\n${index.slice(mapLine)}`)
  const names = Object.keys(require(cjsIndex)).filter((k) => k !== 'default' && /^[A-Za-z_$][\w$]*$/.test(k)).sort()
  const esmDir = join(next, 'esm')
  for (const f of readdirSync(esmDir, { recursive: true })) {
    if (f.endsWith('.js') && f !== 'transport-worker.js') rmSync(join(esmDir, f))
  }
  writeFileSync(join(esmDir, 'index.js'), [
    '// The ESM entry: the CommonJS build, re-exported (see scripts/build.mjs).',
    "import bytelog from '../cjs/index.js'",
    'export default bytelog',
    `export const { ${names.join(', ')} } = bytelog`,
    '',
  ].join('\n'))
} catch (err) {
  rmSync(next, { recursive: true, force: true })
  throw err
}
rmSync(join(root, 'dist'), { recursive: true, force: true })
renameSync(next, join(root, 'dist'))
