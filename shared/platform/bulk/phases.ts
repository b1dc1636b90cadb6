/** Called with each phase of a bulk import and how long it took (benchmarks, logs). */
export type PhaseListener = (phase: string, ms: number) => void;

export type Phase = <T>(name: string, work: Promise<T> | (() => Promise<T>)) => Promise<T>;

/** Times the phases of an import: `await phase('merge: insert persons', tx\`…\`)`. */
export function phaseTimer(onPhase: PhaseListener | undefined): Phase {
  return async (name, work) => {
    const started = performance.now();
    const result = await (typeof work === 'function' ? work() : work);
    onPhase?.(name, performance.now() - started);
    return result;
  };
}
