// Renderer. Running jobs, from the engine's progress events: one hook every feature can read.
import { useEffect, useState } from 'react';
import type { JobEvent, WorkbenchEvent } from '../../../electron/shared/contract';
import { useApi } from '../api/context';

export function useJobs(): JobEvent[] {
  const api = useApi();
  const [jobs, setJobs] = useState<Map<string, JobEvent>>(new Map());
  useEffect(() => {
    let alive = true;
    void api.call('job.list', {}).then((r) => {
      if (alive && r.ok) setJobs(new Map(r.value.map((j) => [j.jobId, j])));
    });
    const off = api.onEvent((e) => {
      if (e.type !== 'job') return;
      setJobs((m) => {
        const next = new Map(m);
        if (e.state === 'running') next.set(e.jobId, e);
        else next.delete(e.jobId);
        return next;
      });
    });
    return () => {
      alive = false;
      off();
    };
  }, [api]);
  return [...jobs.values()];
}

/** Resolves when the job ends, with its final event. */
export function waitForJob(api: { onEvent: (l: (e: WorkbenchEvent) => void) => () => void }, jobId: string): Promise<JobEvent> {
  return new Promise((resolve) => {
    const off = api.onEvent((e) => {
      if (e.type === 'job' && e.jobId === jobId && e.state !== 'running') {
        off();
        resolve(e);
      }
    });
  });
}
