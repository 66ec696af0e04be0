/**
 * The chapter guide's pages (chapters/<chapter>/NN-<slug>.md), by section number: an exercise names
 * its section (`2.3`) and its page follows from the number before the dot. test/chapters.test.ts
 * checks this list against the files.
 */

/** The book chapter this workbook covers; its folder name under exercises/, solutions/ and chapters/. */
export const CHAPTER = '06-replication';

/** The guide's numbered pages in order, without `.md`. */
export const GUIDE_PAGES: readonly string[] = ['01-introduction', '02-single-leader', '03-replication-lag', '04-multi-leader', '05-leaderless', '06-advanced', '07-summary'];

/** The guide page that holds section `number` (`2.3` → `chapters/06-replication/02-single-leader.md`), or undefined. */
export function guidePageOf(number: string): string | undefined {
  const page = GUIDE_PAGES.find((p) => Number(p.split('-')[0]) === Number(number.split('.')[0]));
  return page === undefined ? undefined : `chapters/${CHAPTER}/${page}.md`;
}
