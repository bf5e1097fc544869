/** The most of these moments (ms) that fall within any one second: a rate limit's view of a log of calls. */
export function mostInOneSecond(moments: number[]): number {
  const times = [...moments].sort((a, b) => a - b);
  let most = 0;
  for (let first = 0, last = 0; last < times.length; last++) {
    while (times[last]! - times[first]! >= 1000) first++;
    most = Math.max(most, last - first + 1);
  }
  return most;
}
