/**
 * CPU milliseconds `fn` takes in this test file's process: what a blocked event loop costs, and
 * steadier than wall time on a loaded machine. For generous, benchmark-style bounds only.
 */
export function cpuMs(fn: () => void): number {
  const before = process.cpuUsage();
  fn();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}
