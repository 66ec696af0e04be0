// Shard 2 of 3 of the port-equivalence sweep (port-equivalence-sweep.ts; why it is split: test/shard.ts).
import { portEquivalenceSweep } from './port-equivalence-sweep.ts';

portEquivalenceSweep({ index: 2, count: 3 });
