/**
 * The ancestors of the value being written, for cycle detection. One array serves every
 * record: a log call made from inside a toJSON or getter pushes above the outer record's
 * entries and pops back before the outer one continues, and each record only looks at
 * entries from its own base up (the `base` every walk function carries).
 */
const stack: unknown[] = []
/** Entries in use. The array never shrinks: shrinking `length` lets V8 trim its backing
 * store, and the next push would allocate a new one, on every record. */
let depth = 0

/** Entries in use now: a walk's base, or the level to truncate back to. */
export function level (): number {
  return depth
}

export function push (o: object): void {
  stack[depth++] = o
}

/** Pops back to `to` entries, clearing the slots so no logged object stays reachable. */
export function truncate (to: number): void {
  while (depth > to) stack[--depth] = undefined
}

/** Pops the innermost entry. */
export function pop (): void {
  truncate(depth - 1)
}

export function onStack (o: object, base: number): boolean {
  for (let i = base; i < depth; i++) if (stack[i] === o) return true
  return false
}

/** The entries from `base` up, as a Set (for the deep walk's O(1) checks). */
export function ancestorSet (base: number): Set<unknown> {
  return new Set<unknown>(stack.slice(base, depth))
}
