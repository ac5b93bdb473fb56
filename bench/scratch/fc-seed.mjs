// A vitest setup file that fixes fast-check's seed from FC_SEED, for running the property
// tests over chosen seeds: `FC_SEED=7 npx vitest run test/encoder.test.ts --setupFiles=bench/scratch/fc-seed.mjs`.
import fc from 'fast-check'

const seed = Number(process.env.FC_SEED)
if (!Number.isInteger(seed)) throw new Error('fc-seed: set FC_SEED to an integer')
fc.configureGlobal({ ...fc.readConfigureGlobal(), seed })
console.log(`fast-check seed ${seed}`)
