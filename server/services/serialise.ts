/** Runs the tasks given to it one after the other, in the order given; a failed task does not stop the next. */
export function serialise() {
  let last: Promise<unknown> = Promise.resolve();
  return <T>(task: () => Promise<T>): Promise<T> => {
    const run = last.then(task, task);
    last = run.catch(() => undefined);
    return run;
  };
}
