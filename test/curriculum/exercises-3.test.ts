// Shard 3 of 4 of the exercise sweep (exercise-sweep.ts; why it is split: test/shard.ts).
import { exerciseSweep } from './exercise-sweep.ts';

exerciseSweep({ index: 3, count: 4 });
