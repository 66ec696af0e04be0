// Shard 3 of 3 of the reuse sweep (run-reuse-sweep.ts; why it is split: test/shard.ts).
import { runReuseSweep } from './run-reuse-sweep.ts';

runReuseSweep({ index: 3, count: 3 });
