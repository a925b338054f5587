/**
 * Records stored as columns, for what the refresh keeps between executions: each text field an
 * index into one table of distinct strings, whole numbers as they are and row numbers as the
 * difference from the previous one (they mostly ascend). A call then takes a few dozen
 * characters of JSON instead of an object with its keys.
 */

/**
 * text: a string that repeats (kept once); id: a string that does not (a Call ID, kept as is);
 * day: a string or null; count: a whole number ≥ 0 or null; row: ascending numbers; flag: a boolean.
 */
export type FieldKind = 'text' | 'id' | 'day' | 'count' | 'row' | 'flag';

export type Fields<T> = ReadonlyArray<readonly [keyof T & string, FieldKind]>;

/** Columns by field name, each as long as the records: numbers, or the strings of an id field. */
export type Columns = Record<string, Array<number | string>>;

/** Distinct strings and their positions: a value that repeats (a school, a caller) is stored once. */
export class StringTable {
  private readonly positions = new Map<string, number>();
  readonly values: string[] = [];

  id(value: string): number {
    let at = this.positions.get(value);
    if (at === undefined) {
      at = this.values.length;
      this.values.push(value);
      this.positions.set(value, at);
    }
    return at;
  }
}

function encodeValue(
  kind: FieldKind,
  value: unknown,
  strings: StringTable,
  previous: number,
): number | string {
  switch (kind) {
    case 'id':
      return String(value ?? '');
    case 'text':
      return strings.id(String(value ?? ''));
    case 'day':
      return value === null || value === undefined ? -1 : strings.id(String(value));
    case 'count':
      return value === null || value === undefined ? -1 : Number(value);
    case 'row':
      return Number(value) - previous;
    case 'flag':
      return value ? 1 : 0;
  }
}

export function encodeColumns<T>(items: readonly T[], fields: Fields<T>, strings: StringTable): Columns {
  const columns: Columns = {};
  for (const [key, kind] of fields) {
    const column = new Array<number | string>(items.length);
    let previous = 0;
    items.forEach((item, i) => {
      const value = item[key];
      column[i] = encodeValue(kind, value, strings, previous);
      if (kind === 'row') previous = Number(value);
    });
    columns[key] = column;
  }
  return columns;
}

/** The records back; null when a column is missing or of another length (a part from another version). */
export function decodeColumns<T>(
  columns: Columns,
  fields: Fields<T>,
  strings: readonly string[],
): T[] | null {
  const length = columns[fields[0][0]]?.length ?? 0;
  if (!fields.every(([key]) => Array.isArray(columns[key]) && columns[key].length === length)) return null;
  const items = Array.from({ length }, () => ({}) as Record<string, unknown>);
  for (const [key, kind] of fields) {
    const column = columns[key];
    let previous = 0;
    for (let i = 0; i < length; i++) {
      const cell = column[i];
      const n = Number(cell);
      let value: unknown;
      if (kind === 'id') value = String(cell);
      else if (kind === 'text') value = strings[n] ?? '';
      else if (kind === 'day') value = n < 0 ? null : (strings[n] ?? null);
      else if (kind === 'count') value = n < 0 ? null : n;
      else if (kind === 'flag') value = n === 1;
      else value = previous += n;
      items[i][key] = value;
    }
  }
  return items as T[];
}

/**
 * Many records held as typed columns rather than objects: a district's calls in a fraction of
 * the memory, each read back as a record when it is needed.
 */
export class ColumnStore<T> {
  private numbers: Int32Array[];
  private readonly ids: string[][];
  private size = 0;

  /** `capacity`: how many records are expected (more can be added; the columns then grow). */
  constructor(
    private readonly fields: Fields<T>,
    private capacity = 1024,
    private readonly strings = new StringTable(),
  ) {
    this.numbers = fields.map(([, kind]) => new Int32Array(kind === 'id' ? 0 : this.capacity));
    this.ids = fields.map(() => []);
  }

  get length(): number {
    return this.size;
  }

  push(item: T): number {
    if (this.size === this.capacity) {
      this.capacity *= 2;
      this.numbers = this.numbers.map((column, f) => {
        if (this.fields[f][1] === 'id') return column;
        const grown = new Int32Array(this.capacity);
        grown.set(column);
        return grown;
      });
    }
    this.fields.forEach(([key, kind], f) => {
      const value = item[key];
      if (kind === 'id') this.ids[f].push(String(value ?? ''));
      else if (kind === 'row') this.numbers[f][this.size] = Number(value);
      else this.numbers[f][this.size] = encodeValue(kind, value, this.strings, 0) as number;
    });
    return this.size++;
  }

  get(i: number): T {
    const item: Record<string, unknown> = {};
    this.fields.forEach(([key, kind], f) => {
      const n = this.numbers[f][i];
      const values = this.strings.values;
      if (kind === 'id') item[key] = this.ids[f][i];
      else if (kind === 'text') item[key] = values[n];
      else if (kind === 'day') item[key] = n < 0 ? null : values[n];
      else if (kind === 'count') item[key] = n < 0 ? null : n;
      else if (kind === 'flag') item[key] = n === 1;
      else item[key] = n;
    });
    return item as T;
  }
}

/** Row numbers as runs, `[[first, last], …]` ascending: a set of rows that stays small when they are adjacent. */
export type RowRuns = Array<[number, number]>;

export function toRuns(rows: Iterable<number>): RowRuns {
  const sorted = [...new Set(rows)].sort((a, b) => a - b);
  const runs: RowRuns = [];
  for (const row of sorted) {
    const last = runs[runs.length - 1];
    if (last && row === last[1] + 1) last[1] = row;
    else runs.push([row, row]);
  }
  return runs;
}

export function runsHave(runs: RowRuns, row: number): boolean {
  let low = 0;
  let high = runs.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (row < runs[mid][0]) high = mid - 1;
    else if (row > runs[mid][1]) low = mid + 1;
    else return true;
  }
  return false;
}

export function runRows(runs: RowRuns): number[] {
  const rows: number[] = [];
  for (const [first, last] of runs) for (let r = first; r <= last; r++) rows.push(r);
  return rows;
}

export function runsSize(runs: RowRuns): number {
  return runs.reduce((n, [first, last]) => n + last - first + 1, 0);
}
