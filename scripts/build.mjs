// Builds dist/esm (ESM + .d.ts) and dist/cjs (CommonJS + .d.ts) with tsc.
import { execFileSync } from 'node:child_process'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
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
rmSync(join(root, 'dist'), { recursive: true, force: true })
for (const project of ['tsconfig.json', 'tsconfig.cjs.json']) {
  execFileSync(process.execPath, [tsc, '-p', join(root, project)], { stdio: 'inherit', cwd: root })
}
mkdirSync(join(root, 'dist/cjs'), { recursive: true })
writeFileSync(join(root, 'dist/cjs/package.json'), '{ "type": "commonjs" }\n')
writeFileSync(join(root, 'dist/esm/package.json'), '{ "type": "module" }\n')
