/**
 * A tiny table engine that replays statements the way a database does, with everything that makes a
 * statement come out differently on another node: the node's own clock (NOW at statement start,
 * SYSDATE per row evaluated), its own random stream (RAND, UUID), its own auto-increment counters
 * (moving past every key they have seen; a failed insert consumes a value), the order it visits rows
 * in (its storage order), and triggers acting outside the database. Pure: state in, state out.
 */
import type { Condition, Expr, Statement, TableInfo, Value } from '../../exercise/index.ts';

export type Row = Readonly<Record<string, Value>>;

export interface TableSchema extends TableInfo {
  readonly columns: readonly string[];
  /** Columns besides the key that no two rows may share (non-null). */
  readonly unique: readonly string[];
}

export const SCHEMAS: readonly TableSchema[] = [
  { name: 'users', primaryKey: 'id', autoIncrement: true, externalTrigger: false, columns: ['id', 'email', 'last_login', 'token', 'note'], unique: ['email'] },
  { name: 'sessions', primaryKey: 'id', autoIncrement: true, externalTrigger: false, columns: ['id', 'token', 'expires'], unique: [] },
  { name: 'jobs', primaryKey: 'id', autoIncrement: true, externalTrigger: false, columns: ['id', 'owner', 'priority'], unique: [] },
  { name: 'accounts', primaryKey: 'id', autoIncrement: false, externalTrigger: false, columns: ['id', 'owner', 'balance'], unique: [] },
  { name: 'orders', primaryKey: 'id', autoIncrement: true, externalTrigger: true, columns: ['id', 'item', 'status'], unique: [] },
];

export function schemaOf(table: string, schemas: readonly TableSchema[] = SCHEMAS): TableSchema {
  const s = schemas.find((x) => x.name === table);
  if (s === undefined) throw new Error(`no table ${table}`);
  return s;
}

/** What chooseLogRecord is told of a table: its schema without the columns and constraints. */
export function tableInfoOf(s: TableSchema): TableInfo {
  return { name: s.name, primaryKey: s.primaryKey, autoIncrement: s.autoIncrement, externalTrigger: s.externalTrigger };
}

/** What a node's tables hold: rows by table (kept sorted by key), counters by table, and outside effects so far. */
export interface TablesState {
  readonly rows: Readonly<Record<string, readonly Row[]>>;
  readonly counters: Readonly<Record<string, number>>;
  readonly effects: number;
}

/** The order a node visits rows in: ascending key, descending key, or a fixed hash of the key. */
export type StorageOrder = 'asc' | 'desc' | 'hash';

/** What differs from node to node when a statement runs. */
export interface NodeEnv {
  /** The node's clock when the statement starts. */
  readonly now: number;
  readonly random: () => number;
  readonly order: StorageOrder;
}

/** A changed row as a row-based log records it. */
export interface RowImage {
  readonly table: string;
  readonly before: Row | null;
  readonly after: Row | null;
}

export type Execution =
  | { readonly ok: true; readonly state: TablesState; readonly images: readonly RowImage[]; readonly insertId?: number; readonly effects: number }
  /** A failed insert still consumed an auto-increment value (`state`). */
  | { readonly ok: false; readonly state: TablesState; readonly reason: string };

export function initialState(rows: Readonly<Record<string, readonly Row[]>>, schemas: readonly TableSchema[] = SCHEMAS): TablesState {
  const counters: Record<string, number> = {};
  const sorted: Record<string, Row[]> = {};
  for (const s of schemas) {
    sorted[s.name] = [...(rows[s.name] ?? [])].sort((a, b) => Number(a[s.primaryKey]) - Number(b[s.primaryKey]));
    counters[s.name] = Math.max(0, ...sorted[s.name]!.map((r) => Number(r[s.primaryKey])));
  }
  return { rows: sorted, counters, effects: 0 };
}

function hashKey(k: number): number {
  return Math.imul(k + 0x9e37, 0x85ebca6b) >>> 0;
}

function visitOrder(rows: readonly Row[], pk: string, order: StorageOrder): Row[] {
  const xs = [...rows];
  if (order === 'desc') xs.reverse();
  if (order === 'hash') xs.sort((a, b) => hashKey(Number(a[pk])) - hashKey(Number(b[pk])));
  return xs;
}

interface EvalContext {
  readonly row?: Row;
  readonly env: NodeEnv;
  /** SYSDATE evaluations so far in this statement (shared by every row's context): the i-th is the clock + i ms. */
  readonly sysdates: { n: number };
}

export function evaluate(e: Expr, ctx: EvalContext): Value {
  if ('lit' in e) return e.lit;
  if ('col' in e) return ctx.row?.[e.col] ?? null;
  if ('fn' in e) {
    switch (e.fn) {
      case 'NOW':
        return ctx.env.now;
      case 'SYSDATE':
        return ctx.env.now + ++ctx.sysdates.n;
      case 'RAND':
        return Math.floor(ctx.env.random() * 1_000_000) / 1_000_000;
      case 'UUID':
        return Math.floor(ctx.env.random() * 2 ** 32).toString(16).padStart(8, '0');
    }
  }
  const args = e.args.map((a) => evaluate(a, ctx));
  if (e.op === '+') return args.some((a) => a === null) ? null : args.reduce<number>((s, a) => s + Number(a), 0);
  return args.map((a) => (a === null ? '' : String(a))).join('');
}

function compare(c: Condition, row: Row, ctx: EvalContext): boolean {
  const v = row[c.col] ?? null;
  if (c.cmp === 'is-null') return v === null;
  const w = c.value === undefined ? null : evaluate(c.value, { ...ctx, row });
  if (v === null || w === null) return false;
  if (c.cmp === '=') return v === w;
  return c.cmp === '<' ? v < w : v > w;
}

/** Runs `statement` on `state` as a node would; `fireTriggers` is false for no one (row images never run statements). */
export function execute(state: TablesState, statement: Statement, env: NodeEnv, schemas: readonly TableSchema[] = SCHEMAS): Execution {
  const s = schemaOf(statement.table, schemas);
  const rows = state.rows[s.name]!;
  const ctx: EvalContext = { env, sysdates: { n: 0 } };
  const pk = s.primaryKey;
  const counterPast = (k: number): number => Math.max(state.counters[s.name]!, k);
  if (statement.kind === 'insert') {
    const row: Record<string, Value> = Object.fromEntries(s.columns.map((c) => [c, null]));
    for (const [c, e] of Object.entries(statement.values)) row[c] = evaluate(e, ctx);
    let counter = state.counters[s.name]!;
    let insertId: number | undefined;
    if (!(pk in statement.values) && s.autoIncrement) {
      counter = Math.max(counter, ...rows.map((r) => Number(r[pk]))) + 1;
      row[pk] = insertId = counter;
    } else counter = counterPast(Number(row[pk]));
    const counters = { ...state.counters, [s.name]: counter };
    const clash = [pk, ...s.unique].find((c) => row[c] !== null && rows.some((r) => r[c] === row[c]));
    if (clash !== undefined) return { ok: false, state: { ...state, counters }, reason: `duplicate ${clash} ${String(row[clash])} in ${s.name}` };
    const next = [...rows, row].sort((a, b) => Number(a[pk]) - Number(b[pk]));
    return done(state, s, next, counters, [{ table: s.name, before: null, after: row }], insertId);
  }
  let chosen = visitOrder(rows, pk, env.order).filter((r) => statement.where.every((c) => compare(c, r, ctx)));
  if (statement.orderBy !== undefined) {
    const by = statement.orderBy;
    chosen = chosen.map((r, i) => [r, i] as const).sort(([a, i], [b, j]) => (a[by]! < b[by]! ? -1 : a[by]! > b[by]! ? 1 : i - j)).map(([r]) => r);
  }
  if (statement.limit !== undefined) chosen = chosen.slice(0, statement.limit);
  const images: RowImage[] = [];
  let next: Row[];
  if (statement.kind === 'delete') {
    const gone = new Set(chosen);
    next = rows.filter((r) => !gone.has(r));
    for (const r of chosen) images.push({ table: s.name, before: r, after: null });
  } else {
    const changed = new Map<Row, Row>();
    for (const r of chosen) {
      const after: Record<string, Value> = { ...r };
      for (const [c, e] of Object.entries(statement.set)) after[c] = evaluate(e, { ...ctx, row: r });
      changed.set(r, after);
      images.push({ table: s.name, before: r, after });
    }
    next = rows.map((r) => changed.get(r) ?? r);
  }
  return done(state, s, next, state.counters, images);
}

function done(state: TablesState, s: TableSchema, next: readonly Row[], counters: Record<string, number>, images: RowImage[], insertId?: number): Execution {
  const effects = s.externalTrigger ? images.length : 0;
  return { ok: true, state: { rows: { ...state.rows, [s.name]: next }, counters, effects: state.effects + effects }, images, ...(insertId !== undefined ? { insertId } : {}), effects };
}

/** Applies row images: no statement runs, so no trigger fires; counters move past every key stored. */
export function applyImages(state: TablesState, images: readonly RowImage[], schemas: readonly TableSchema[] = SCHEMAS): TablesState {
  const rows: Record<string, readonly Row[]> = { ...state.rows };
  const counters: Record<string, number> = { ...state.counters };
  for (const img of images) {
    const s = schemaOf(img.table, schemas);
    const key = (img.before ?? img.after)![s.primaryKey];
    const kept = rows[s.name]!.filter((r) => r[s.primaryKey] !== key);
    rows[s.name] = (img.after === null ? kept : [...kept, img.after]).sort((a, b) => Number(a[s.primaryKey]) - Number(b[s.primaryKey]));
    if (img.after !== null) counters[s.name] = Math.max(counters[s.name]!, Number(key));
  }
  return { rows, counters, effects: state.effects };
}

/** The rows alone, canonical (counters and effects legitimately differ between nodes). */
export function rowsOf(state: TablesState): string {
  return JSON.stringify(Object.keys(state.rows).sort().map((t) => [t, state.rows[t]]));
}
