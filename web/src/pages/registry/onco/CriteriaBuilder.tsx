import { useMemo } from 'react';
import type { OncoConditionKind } from '../../../api/onco';
import { Field } from '../../../components/Field';
import { SelectField } from '../../../components/SelectField';
import type { OrganisationName } from '../use-organisation-names';
import { type CodeOption, CodesPicker } from './CodesPicker';
import {
  conditionSpecs,
  type EditCondition,
  type EditGroup,
  type EditNode,
  newCondition,
  newGroup,
  specOf,
} from './criteria-model';

/** At most this many levels of groups (the server's limit). */
const maxDepth = 4;

interface BuilderProps {
  root: EditGroup;
  onChange: (root: EditGroup) => void;
  problems: ReadonlyMap<string, string>;
  organisations: ReadonlyMap<string, OrganisationName> | undefined;
}

/**
 * The list builder: a group of conditions combined with «и» (all) or «или» (any), «в одном случае» when the
 * conditions must hold in one case together, nested groups, each condition with its own editor.
 */
export function CriteriaBuilder({ root, onChange, problems, organisations }: BuilderProps) {
  const mos = useMemo<CodeOption[]>(
    () =>
      [...(organisations?.values() ?? [])]
        .filter((o) => o.kind === 'MO')
        .map((o) => ({ code: o.code, name: o.shortName })),
    [organisations],
  );
  const smos = useMemo<CodeOption[]>(
    () =>
      [...(organisations?.values() ?? [])]
        .filter((o) => o.kind === 'SMO')
        .map((o) => ({ code: o.code, name: o.shortName })),
    [organisations],
  );
  return (
    <GroupEditor
      group={root}
      depth={1}
      onChange={onChange}
      problems={problems}
      options={{ mos, smos }}
      label="Условия отбора"
    />
  );
}

interface GroupProps {
  group: EditGroup;
  depth: number;
  onChange: (group: EditGroup) => void;
  onRemove?: () => void;
  problems: ReadonlyMap<string, string>;
  options: { mos: readonly CodeOption[]; smos: readonly CodeOption[] };
  label: string;
}

function GroupEditor({ group, depth, onChange, onRemove, problems, options, label }: GroupProps) {
  const set = (patch: Partial<EditGroup>) => onChange({ ...group, ...patch });
  const setChild = (key: string, next: EditNode | null) =>
    set({
      conditions: next
        ? group.conditions.map((c) => (c.key === key ? next : c))
        : group.conditions.filter((c) => c.key !== key),
    });
  const problem = problems.get(group.key);
  return (
    <fieldset className={depth === 1 ? 'onco-group onco-group-root' : 'onco-group'} data-testid="onco-group">
      <legend className={depth === 1 ? 'visually-hidden' : 'onco-group-legend'}>{label}</legend>
      <div className="onco-group-head">
        <SelectField
          name="op"
          label="Связка условий"
          className="field-inline"
          value={group.op}
          onChange={(event) => set({ op: event.target.value === 'or' ? 'or' : 'and' })}
          options={[
            { value: 'and', label: 'все условия (и)' },
            { value: 'or', label: 'любое из условий (или)' },
          ]}
        />
        <label className="onco-check" title="Условия о случаях должны выполняться в одном и том же случае">
          <input
            type="checkbox"
            checked={group.sameCase}
            onChange={(event) => set({ sameCase: event.target.checked })}
          />
          в одном случае
        </label>
        {onRemove && (
          <button type="button" className="button button-secondary button-small" onClick={onRemove}>
            Удалить группу
          </button>
        )}
      </div>
      {problem && <p className="field-error">{problem}</p>}
      {group.conditions.length === 0 && depth === 1 && (
        <p className="muted">
          Условий нет: в список попадут все лица онкорегистра, доступные вашей организации.
        </p>
      )}
      <ol className="onco-conditions">
        {group.conditions.map((node, i) => (
          <li key={node.key}>
            {i > 0 && <span className="onco-op">{group.op === 'or' ? 'или' : 'и'}</span>}
            {node.kind === 'group' ? (
              <GroupEditor
                group={node}
                depth={depth + 1}
                onChange={(next) => setChild(node.key, next)}
                onRemove={() => setChild(node.key, null)}
                problems={problems}
                options={options}
                label="Группа условий"
              />
            ) : (
              <ConditionEditor
                condition={node}
                onChange={(next) => setChild(node.key, next)}
                onRemove={() => setChild(node.key, null)}
                problem={problems.get(node.key)}
                options={options}
              />
            )}
          </li>
        ))}
      </ol>
      <div className="onco-group-add">
        <SelectField
          name="add"
          label="Добавить условие"
          className="field-inline"
          value=""
          emptyLabel="— выберите —"
          options={conditionSpecs.map((s) => ({ value: s.kind, label: s.title }))}
          onChange={(event) => {
            const kind = event.target.value as OncoConditionKind;
            if (kind) set({ conditions: [...group.conditions, newCondition(kind)] });
          }}
        />
        {depth < maxDepth && (
          <button
            type="button"
            className="button button-secondary button-small"
            onClick={() =>
              set({ conditions: [...group.conditions, newGroup(group.op === 'and' ? 'or' : 'and')] })
            }
          >
            Добавить группу
          </button>
        )}
      </div>
    </fieldset>
  );
}

interface ConditionProps {
  condition: EditCondition;
  onChange: (next: EditCondition) => void;
  onRemove: () => void;
  problem: string | undefined;
  options: { mos: readonly CodeOption[]; smos: readonly CodeOption[] };
}

function ConditionEditor({ condition, onChange, onRemove, problem, options }: ConditionProps) {
  const spec = specOf(condition.kind);
  const v = condition.values;
  const set = (field: string, value: unknown) => onChange({ ...condition, values: { ...v, [field]: value } });
  const codes = (field: string) => (Array.isArray(v[field]) ? (v[field] as string[]) : []);
  const text = (field: string) => (typeof v[field] === 'string' ? (v[field] as string) : '');
  const picker = (field: string, label: string, directory: string, list = false) => (
    <CodesPicker
      label={label}
      source={{ directory, list }}
      value={codes(field)}
      onChange={(next) => set(field, next)}
    />
  );
  let body: React.ReactNode = null;
  switch (condition.kind) {
    case 'diagnosis':
      body = (
        <div className="onco-row">
          <Field
            name="from"
            label="МКБ-10: с кода"
            value={text('from')}
            onChange={(e) => set('from', e.target.value)}
          />
          <Field
            name="to"
            label="по код (включительно)"
            value={text('to')}
            placeholder={text('from')}
            onChange={(e) => set('to', e.target.value)}
          />
          <SelectField
            name="of"
            label="Чей диагноз"
            value={text('of') || 'case'}
            onChange={(e) => set('of', e.target.value)}
            options={[
              { value: 'case', label: 'в любом случае лечения' },
              { value: 'first', label: 'первый установленный диагноз ЗНО' },
              { value: 'last', label: 'последний диагноз ЗНО' },
            ]}
          />
        </div>
      );
      break;
    case 'stage':
      body = picker('codes', 'Стадии (можно искать по коду диагноза, например C50)', 'N002');
      break;
    case 'tnm':
      body = (
        <div className="onco-row">
          {picker('t', 'T', 'N003')}
          {picker('n', 'N', 'N004')}
          {picker('m', 'M', 'N005')}
        </div>
      );
      break;
    case 'suspicionWithoutDiagnosis':
    case 'diagnosisWithoutTreatment':
      body = (
        <Field
          name="days"
          type="number"
          min={0}
          max={3650}
          label="Дней"
          value={text('days')}
          onChange={(e) => set('days', e.target.value)}
          className="onco-days"
        />
      );
      break;
    case 'period':
      body = (
        <div className="onco-row">
          <Field
            name="from"
            type="date"
            label="С"
            value={text('from')}
            onChange={(e) => set('from', e.target.value)}
          />
          <Field
            name="to"
            type="date"
            label="По"
            value={text('to')}
            onChange={(e) => set('to', e.target.value)}
          />
        </div>
      );
      break;
    case 'mo':
      body = (
        <CodesPicker
          label="МО"
          source={{ options: options.mos }}
          value={codes('codes')}
          onChange={(c) => set('codes', c)}
        />
      );
      break;
    case 'smo':
      body = (
        <CodesPicker
          label="СМО"
          source={{ options: options.smos }}
          value={codes('codes')}
          onChange={(c) => set('codes', c)}
        />
      );
      break;
    case 'profile':
      body = picker('codes', 'Профили', 'V002');
      break;
    case 'reason':
      body = picker('codes', 'Поводы обращения', 'N018', true);
      break;
    case 'serviceType':
      body = (
        <div className="onco-row onco-row-wrap">
          {picker('types', 'Тип услуги', 'N013', true)}
          {picker('surgery', 'Хирургическое лечение', 'N014', true)}
          {picker('line', 'Линия лекарственной терапии', 'N015', true)}
          {picker('cycle', 'Цикл лекарственной терапии', 'N016', true)}
          {picker('radiation', 'Лучевая терапия', 'N017', true)}
        </div>
      );
      break;
    case 'drug':
      body = (
        <div className="onco-row">
          {picker('regnums', 'Препараты (по МНН)', 'N020')}
          {picker('schemes', 'Схемы лекарственной терапии', 'V024')}
        </div>
      );
      break;
    case 'refusal':
      body = picker('codes', 'Виды отказов и противопоказаний', 'N001', true);
      break;
    case 'consilium':
      body = picker('purposes', 'Цели консилиума', 'N019', true);
      break;
    case 'histology':
      body = (
        <div className="onco-row onco-row-wrap">
          <SelectField
            name="type"
            label="Тип"
            value={text('type')}
            emptyLabel="любой"
            onChange={(e) => set('type', e.target.value)}
            options={[
              { value: '1', label: 'гистологический признак' },
              { value: '2', label: 'маркёр' },
            ]}
          />
          {picker('codes', 'Признаки или маркёры', text('type') === '2' ? 'N010' : 'N007', true)}
          {picker('results', 'Результаты', text('type') === '2' ? 'N011' : 'N008')}
          <SelectField
            name="withResult"
            label="Результат получен"
            value={text('withResult')}
            emptyLabel="неважно"
            onChange={(e) => set('withResult', e.target.value)}
            options={[
              { value: 'true', label: 'да' },
              { value: 'false', label: 'нет' },
            ]}
          />
        </div>
      );
      break;
    case 'referral':
      body = (
        <div className="onco-row">
          {picker('kinds', 'Виды направления', 'V028', true)}
          {picker('methods', 'Методы исследования', 'V029', true)}
        </div>
      );
      break;
    default:
      body = null;
  }
  return (
    <div className="onco-condition" data-kind={condition.kind} data-testid="onco-condition">
      <div className="onco-condition-head">
        <strong>{spec.title}</strong>
        {spec.person && <span className="muted"> (по лицу в целом)</span>}
        <button type="button" className="link-button onco-condition-remove" onClick={onRemove}>
          Удалить
        </button>
      </div>
      {spec.hint && <p className="field-hint">{spec.hint}</p>}
      {body}
      {problem && (
        <p className="field-error" role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}
