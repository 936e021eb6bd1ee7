// Searching the core's sorted release times (the raster's window, the timeline's steps).

/** The first index of sorted `times` later than `t`. */
export function firstAfter(times, t) {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (times[mid] <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
