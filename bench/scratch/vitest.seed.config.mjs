// The project's vitest config plus fc-seed.mjs: `FC_SEED=7 npx vitest run -c bench/scratch/vitest.seed.config.mjs test/encoder.test.ts`.
import { mergeConfig } from 'vitest/config'
import base from '../../vitest.config.ts'

export default mergeConfig(base, { root: new URL('../..', import.meta.url).pathname, test: { setupFiles: [new URL('./fc-seed.mjs', import.meta.url).pathname] } })
