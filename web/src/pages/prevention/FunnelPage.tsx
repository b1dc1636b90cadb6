import { type FormEvent, useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { describeError } from '../../api/api-error';
import { fetchFunnel, type PreventionKind } from '../../api/prevention';
import { Field } from '../../components/Field';
import { PageHeader } from '../../components/PageHeader';
import { SelectField } from '../../components/SelectField';
import { StatusMessage } from '../../components/StatusMessage';
import { useApiQuery } from '../../hooks/useApiQuery';
import { CheckupNav } from './CheckupNav';
import { checkupKindLabels, kindOptions, planYears } from './checkup-labels';
import { DistrictProgress } from './DistrictProgress';
import { FunnelChart } from './FunnelChart';
import { useCheckupAccess } from './use-checkup-access';
import { useDistricts } from './use-districts';
import './checkups.css';

interface FunnelChoice {
  year: string;
  kind: PreventionKind;
  moCode: string;
  districtCode: string;
}

const isKind = (v: string | null): v is PreventionKind => v !== null && Object.hasOwn(checkupKindLabels, v);

/** The funnel asked for, from the address (`?year&kind&mo&district`); an МО always reads its own. */
function useFunnelChoice(ownMo: string | undefined): [FunnelChoice, (c: FunnelChoice) => void] {
  const [params, setParams] = useSearchParams();
  const years = planYears().map(String);
  const year = params.get('year') ?? '';
  const kind = params.get('kind');
  const choice: FunnelChoice = {
    year: years.includes(year) ? year : years[1]!,
    kind: isKind(kind) ? kind : 'DVN',
    moCode: ownMo ?? params.get('mo') ?? '',
    districtCode: params.get('district') ?? '',
  };
  const set = (c: FunnelChoice) => {
    const next = new URLSearchParams({ year: c.year, kind: c.kind });
    if (!ownMo && c.moCode) next.set('mo', c.moCode);
    if (c.districtCode) next.set('district', c.districtCode);
    setParams(next);
  };
  return [choice, set];
}

/**
 * «Воронка»: how many planned persons started, finished each stage or refused, for a year and an examination —
 * the region's (the fund), the insured persons' (an СМО), one МО's and one district's — and, for an МО, the
 * progress of each district.
 */
export function FunnelPage() {
  const access = useCheckupAccess();
  const [choice, setChoice] = useFunnelChoice(access.isMo ? access.orgCode : undefined);
  const [draft, setDraft] = useState(choice);
  const choiceKey = JSON.stringify(choice);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the serialised key stands for `choice`.
  useEffect(() => setDraft(choice), [choiceKey]);
  const districts = useDistricts(draft.moCode || undefined);
  const shownDistricts = useDistricts(choice.moCode || undefined);

  const funnel = useApiQuery(`funnel\n${choiceKey}`, (signal) =>
    fetchFunnel(
      {
        year: choice.year,
        kind: choice.kind,
        moCode: choice.moCode || undefined,
        districtCode: choice.districtCode || undefined,
      },
      signal,
    ),
  );

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setChoice({
      ...draft,
      moCode: draft.moCode.trim(),
      districtCode: draft.moCode.trim() ? draft.districtCode : '',
    });
  }
  const set = (key: keyof FunnelChoice) => (value: string) =>
    setDraft((d) => ({ ...d, [key]: value, ...(key === 'moCode' ? { districtCode: '' } : {}) }));

  const where = [
    choice.moCode ? `МО ${choice.moCode}` : access.isSmo ? 'ваши застрахованные' : 'весь регион',
    choice.districtCode ? `участок ${choice.districtCode}` : '',
  ].filter(Boolean);

  return (
    <>
      <PageHeader
        title="Воронка медосмотров"
        description="Сколько запланированных граждан начали медосмотр, завершили каждый этап или отказались."
      />
      <CheckupNav />
      <form className="filter-bar" aria-label="Воронка" onSubmit={submit}>
        <SelectField
          name="year"
          label="Год"
          options={planYears().map((y) => ({ value: String(y), label: String(y) }))}
          value={draft.year}
          onChange={(e) => set('year')(e.target.value)}
        />
        <SelectField
          name="kind"
          label="Мероприятие"
          options={kindOptions}
          value={draft.kind}
          onChange={(e) => set('kind')(e.target.value)}
        />
        {!access.isMo && (
          <Field
            name="moCode"
            label="Код МО"
            placeholder="все"
            inputMode="numeric"
            maxLength={6}
            value={draft.moCode}
            onChange={(e) => set('moCode')(e.target.value.trim())}
          />
        )}
        <SelectField
          name="districtCode"
          label="Участок"
          options={(districts ?? []).map((d) => ({ value: d.code, label: d.code }))}
          emptyLabel={draft.moCode ? 'все' : 'укажите МО'}
          disabled={!districts}
          value={draft.districtCode}
          onChange={(e) => set('districtCode')(e.target.value)}
        />
        <div className="filter-actions">
          <button type="submit" className="button button-primary">
            Показать
          </button>
        </div>
      </form>
      {funnel.error !== undefined && (
        <StatusMessage kind="error" onRetry={funnel.reload}>
          Не удалось загрузить воронку. {describeError(funnel.error)}
        </StatusMessage>
      )}
      {funnel.loading && !funnel.data && <StatusMessage kind="loading">Загрузка воронки…</StatusMessage>}
      {funnel.data && funnel.error === undefined && (
        <section className="panel" aria-label="Воронка">
          <FunnelChart
            funnel={funnel.data.funnel}
            kind={choice.kind}
            title={`${checkupKindLabels[choice.kind]}, ${choice.year}: ${where.join(', ')}`}
          />
        </section>
      )}
      {choice.moCode && !choice.districtCode && shownDistricts && (
        <DistrictProgress
          year={choice.year}
          kind={choice.kind}
          moCode={choice.moCode}
          districts={shownDistricts}
          onPick={(districtCode) => setChoice({ ...choice, districtCode })}
        />
      )}
    </>
  );
}
