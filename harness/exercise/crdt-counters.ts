/** Increments made at each replica: replica id → count. A missing id counts as 0. Initial state: {}. */
export type GCounter = Readonly<Record<string, number>>;
/** A counter that goes up and down. `inc[r]`: increments made at replica r; `dec[r]`: decrements made at r. Initial: { inc: {}, dec: {} }. */
export interface PNCounter { readonly inc: GCounter; readonly dec: GCounter }
