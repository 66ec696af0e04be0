// Shard 2 of 3 of the reuse sweep (run-reuse-sweep.ts; why it is split: test/shard.ts).
import { runReuseSweep } from './run-reuse-sweep.ts';

runReuseSweep({ index: 2, count: 3 });
