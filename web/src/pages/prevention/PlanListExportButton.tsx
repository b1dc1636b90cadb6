import { useState } from 'react';
import { describeError } from '../../api/api-error';
import { downloadPlanListFile, type PreventionKind } from '../../api/prevention';
import { checkupKindLabels } from './checkup-labels';
import './prevention-files.css';

/**
 * «Выгрузить план (PROF)»: saves the МО's plan list of the year and kind the plan page shows (all kinds when
 * none is chosen) as a plan-list file, withdrawn entries marked; a refusal is said next to the button.
 */
export function PlanListExportButton({ year, kind }: { year: string; kind: PreventionKind | '' }) {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  async function save() {
    setBusy(true);
    setFailure(null);
    try {
      await downloadPlanListFile(year, kind || undefined);
    } catch (error) {
      setFailure(`План не выгружен. ${describeError(error)}`);
    } finally {
      setBusy(false);
    }
  }

  const what = kind ? checkupKindLabels[kind].toLowerCase() : 'все мероприятия';
  return (
    <>
      <button
        type="button"
        className="button button-secondary"
        onClick={save}
        disabled={busy}
        title={`План ${year} года (${what}) файлом плана`}
        data-testid="plan-list-export"
      >
        {busy ? 'Выгружаем…' : 'Выгрузить план (PROF)'}
      </button>
      {failure && (
        <span className="form-error" role="alert">
          {failure}
        </span>
      )}
    </>
  );
}
