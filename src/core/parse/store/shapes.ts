// Keeping the hidden classes of per-parse objects alive between parses.
//
// V8's optimised code checks the hidden class ("map") of the objects it works on, and holds those
// classes weakly. A class's instances share a map only while one of them lives: once every shot-list
// builder of a parse is garbage, a full collection may drop the builder's map, and V8 then throws away
// every optimised method that checked it. The next parse would run in the interpreter until the
// methods are optimised again; on the 10 MB benchmark archive that cost 40-50 ms after each full
// collection, which in an editor happens between almost any two parses. One small instance of each
// such class, kept for the life of the module, keeps the maps and the optimised code.

const kept: unknown[] = [];

/** Keeps `instance` (a small one, made only for this) alive as long as the module is loaded. */
export function keepShape(instance: unknown): void {
  kept.push(instance);
}
