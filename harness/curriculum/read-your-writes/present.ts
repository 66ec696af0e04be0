/** read-your-writes runs are shown as every replication-lag run is (the shared presenter). */
export { replicaReadsPresenter as rywPresenter } from '../workloads/replica-reads/present.ts';
