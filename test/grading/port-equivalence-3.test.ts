// Shard 3 of 3 of the port-equivalence sweep (port-equivalence-sweep.ts; why it is split: test/shard.ts).
import { portEquivalenceSweep } from './port-equivalence-sweep.ts';

portEquivalenceSweep({ index: 3, count: 3 });
