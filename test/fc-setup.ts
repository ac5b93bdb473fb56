// FC_SEED=<n> runs every fast-check property with that seed (to replay a failure, or to try
// many seeds in a row: see README "Tests"). Unset: fast-check draws a random seed per run.
import fc from 'fast-check'

const seed = process.env.FC_SEED
if (seed !== undefined && seed !== '') fc.configureGlobal({ ...fc.readConfigureGlobal(), seed: Number(seed) })
