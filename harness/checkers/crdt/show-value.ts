/**
 * Any value a learner returned, in words for a message: the one writer of learner values
 * (cluster/show-value.ts), so that NaN, ±Infinity and -0 are shown as themselves, not as JSON's null.
 */
export { showExact as showValue } from '../../cluster/index.ts';
