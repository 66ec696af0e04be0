/**
 * Building blocks for statements, shared by the decision cases and the scenario templates.
 */
import type { Condition, Expr, Statement, Value } from '../../exercise/index.ts';

export const lit = (v: Value): Expr => ({ lit: v });
export const col = (c: string): Expr => ({ col: c });
export const fn = (f: 'NOW' | 'SYSDATE' | 'RAND' | 'UUID'): Expr => ({ fn: f });
export const concat = (...args: Expr[]): Expr => ({ op: 'concat', args });
export const plus = (...args: Expr[]): Expr => ({ op: '+', args });
export const eq = (c: string, v: Expr): Condition => ({ col: c, cmp: '=', value: v });
export const lt = (c: string, v: Expr): Condition => ({ col: c, cmp: '<', value: v });
export const gt = (c: string, v: Expr): Condition => ({ col: c, cmp: '>', value: v });
export const isNull = (c: string): Condition => ({ col: c, cmp: 'is-null' });

export const insert = (table: string, values: Record<string, Expr>): Statement => ({ kind: 'insert', table, values });
export const update = (table: string, set: Record<string, Expr>, where: Condition[], tail: { orderBy?: string; limit?: number } = {}): Statement => ({ kind: 'update', table, set, where, ...tail });
export const del = (table: string, where: Condition[], tail: { orderBy?: string; limit?: number } = {}): Statement => ({ kind: 'delete', table, where, ...tail });
