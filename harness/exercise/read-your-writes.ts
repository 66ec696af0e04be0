/** A session as the proxy keeps it; starts as { writtenLsn: 0 }. Any plain JSON object you return is stored. */
export interface UserSession {
  writtenLsn: number;
}
