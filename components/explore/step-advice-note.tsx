'use client';

import { Alert } from '@/components/ui/alert';
import type { StepAdvice } from '@/lib/query/step-check';

const human = (sec: number) => (sec % 3600 === 0 ? `${sec / 3600}h` : sec % 60 === 0 ? `${sec / 60}m` : `${sec}s`);

/** Says that a step longer than the query's [range] skips samples, with the two fixes as buttons. */
export function StepAdviceNote({ advice, refName, onStep, onQuery }: { advice: StepAdvice; refName: string; onStep: (step: string) => void; onQuery: (query: string) => void }) {
  return (
    <Alert tone="warning" size="sm" as="div" data-testid="step-advice">
      <span className="mr-1 font-semibold">{refName}:</span>
      {advice.message}{' '}
      {advice.safeStepSec !== null && (
        <button type="button" className="mr-2 underline" data-testid="step-advice-step" onClick={() => onStep(human(advice.safeStepSec!))}>
          Use step {human(advice.safeStepSec)}
        </button>
      )}
      <button type="button" className="underline" data-testid="step-advice-range" onClick={() => onQuery(advice.widenedQuery)} title={advice.widenedQuery}>
        Widen the range to [{advice.widenedRange}] (like $__rate_interval)
      </button>
    </Alert>
  );
}
