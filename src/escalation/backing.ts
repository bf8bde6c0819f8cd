// The lists of a long case (thousands of obligations and history entries) are written anew with every
// event: each escalation returned is frozen, and so are its lists. V8 copies a frozen array several
// times slower than a plain one, and copying the case's lists was most of the cost of an event on a
// long case. So the versions of one case share one plain working list per list: the next version
// changes it in place (appends, and replaces what it changed) and returns a frozen copy of it.
//
// A version may use the working list only while it still holds that version's list: it is stamped
// with the version it holds, and keeps what the last change replaced, so that a version applied to
// twice (a retried event, a host trying what an event would do) takes the change back first. A
// version that finds it moved on further (another branch of the case wrote it since) copies its own
// frozen list instead. A cache only: every version gives the same answers whichever it took.
//
// Kept per case, not per version: a list kept for every version, beside it in the table of
// escalations the library made, was kept alive by that table until a full collection, and the
// garbage collector then cost more than the copy saved.

/** A plain working list shared by the versions of one case. */
export interface Backing<T> {
  readonly list: T[];
  /** The stamp of the version whose list it holds. */
  stamp: number;
  /** The version it held before the last change, and how to take that change back. */
  undo?: { readonly stamp: number; readonly length: number; readonly replaced: ReadonlyMap<number, T> };
}

/** Where a version's list is held: the working list, and the stamp it has while it holds that version's list. */
export interface Held<T> {
  readonly backing: Backing<T>;
  readonly stamp: number;
}

let stamps = 0;

/** The working list holding `list`: the one kept for it if still usable, else a new one copied from it. */
function workingList<T>(held: Held<T> | undefined, list: readonly T[]): Backing<T> {
  if (held !== undefined) {
    const backing = held.backing;
    if (backing.stamp === held.stamp) return backing;
    const undo = backing.undo;
    if (undo !== undefined && undo.stamp === held.stamp) {
      backing.list.length = undo.length;
      for (const [position, item] of undo.replaced) backing.list[position] = item;
      backing.stamp = undo.stamp;
      backing.undo = undefined;
      return backing;
    }
  }
  return { list: Array.from(list), stamp: ++stamps };
}

/**
 * A version's list changed: `replaced` at their positions, `added` at the end. Returns the new list,
 * frozen, and where it is held for the next version.
 */
export function changedList<T>(
  held: Held<T> | undefined,
  list: readonly T[],
  replaced: ReadonlyMap<number, T>,
  added: readonly T[],
): { list: T[]; held: Held<T> } {
  const backing = workingList(held, list);
  const working = backing.list;
  const before = new Map<number, T>();
  for (const [position, item] of replaced) {
    before.set(position, working[position]!);
    working[position] = item;
  }
  backing.undo = { stamp: backing.stamp, length: working.length, replaced: before };
  for (const item of added) working.push(item);
  backing.stamp = ++stamps;
  const copy = working.slice();
  Object.freeze(copy);
  return { list: copy, held: { backing, stamp: backing.stamp } };
}
