// Copyright the terok-vault authors. MIT license.
/**
 * Who may use the process's working directory now. The pinned walk makes each directory it
 * proves the working directory, which is process-wide, so inspections take turns; a turn
 * lasts from the walk's first `chdir` to its last use of a name relative to it.
 *
 * An inspection that must wait (an open a file lease holds up, the quiet-path wait) may step
 * away from the working directory while it waits, so that other inspections go on meanwhile
 * ({@linkcode awayFromCwd}); it then takes a new turn and must pin its directory again before
 * it uses a relative name ({@linkcode cwdTurn} tells whether anyone else had a turn).
 */

/** Resolves when the last queued turn is over. */
let tail: Promise<void> = Promise.resolve();
/** Ends the turn now running, or undefined when nobody holds the working directory. */
let release: (() => void) | undefined;
let turns = 0;

/** Waits for a turn; it lasts until `release` is called. */
async function acquire(): Promise<void> {
  let end!: () => void;
  const over = new Promise<void>((resolve) => end = resolve);
  const before = tail;
  tail = before.then(() => over);
  await before;
  turns++;
  release = () => {
    release = undefined;
    end();
  };
}

/**
 * Run `work` while holding the working directory: callers take turns, one at a time.
 *
 * @param work What uses the working directory (it may step away with `awayFromCwd`).
 * @returns What `work` returns.
 */
export async function holdCwd<T>(work: () => Promise<T>): Promise<T> {
  await acquire();
  try {
    return await work();
  } finally {
    release?.();
  }
}

/**
 * Await `waiting` without holding the working directory, then take a new turn (behind
 * whoever queued meanwhile). Outside {@linkcode holdCwd} it only awaits.
 *
 * @param waiting What to wait for; it must not use the working directory.
 * @returns What `waiting` resolves to (a rejection is passed on, once the turn is back).
 */
export async function awayFromCwd<T>(waiting: Promise<T>): Promise<T> {
  const end = release;
  if (end === undefined) return await waiting;
  end();
  try {
    return await waiting;
  } finally {
    await acquire();
  }
}

/**
 * How many turns were taken so far: a different count after an await means another
 * inspection may have moved the working directory.
 *
 * @returns The number of turns taken in this process.
 */
export function cwdTurn(): number {
  return turns;
}
