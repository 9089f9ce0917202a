// Growable columns of integers. A parse records what it found about each shot, soundbite, quote and
// section as numbers in columns instead of one object each: objects made during a parse outlive the
// young generation's collections and are copied, while a typed array is one object whatever its length.

export class IntColumn {
  #values: Int32Array;
  #length = 0;

  constructor(capacity = 16) {
    this.#values = new Int32Array(capacity);
  }

  get length(): number {
    return this.#length;
  }

  /** Appends a value; returns its index. */
  push(value: number): number {
    if (this.#length === this.#values.length) {
      const grown = new Int32Array(this.#length * 2);
      grown.set(this.#values);
      this.#values = grown;
    }
    this.#values[this.#length] = value;
    return this.#length++;
  }

  get(index: number): number {
    return this.#values[index] ?? 0;
  }

  set(index: number, value: number): void {
    this.#values[index] = value;
  }
}

/** A list of `count` elements made by `make(index)`. */
export function rows<T>(count: number, make: (index: number) => T): T[] {
  const list = new Array<T>(count);
  for (let index = 0; index < count; index++) {
    list[index] = make(index);
  }
  return list;
}
