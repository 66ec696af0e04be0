/** What a user has been shown; starts as { seenLsn: 0 }. Any plain JSON object you return is stored. */
export interface ReadSession {
  seenLsn: number;
}
