import type { ProtocolGroup } from '../../api/registry';
import { f012Titles, hasTagTitle, tagTitle } from './registry-fields';

/** An F012 code with its meaning on hover. */
export function FlkCode({ code }: { code: string }) {
  return (
    <span className="cell-code" title={f012Titles[code] ?? undefined}>
      {code}
    </span>
  );
}

/** A protocol's field (IM_POL) by its Russian name and the block (BAS_EL) it is in; the tags on hover. */
export function FieldName({
  field,
  basEl,
}: {
  field: string | null | undefined;
  basEl?: string | null | undefined;
}) {
  const block =
    basEl && basEl !== field ? (
      <span className="registry-field-block muted" title={basEl}>
        блок «{tagTitle(basEl)}»
      </span>
    ) : null;
  if (!field) {
    return (
      <>
        <span>Пакет в целом</span>
        {block}
      </>
    );
  }
  return (
    <>
      {hasTagTitle(field) ? (
        <span title={`Тег ${field}`} data-tag={field}>
          {tagTitle(field)}
        </span>
      ) : (
        <span className="cell-code" data-tag={field}>
          {field}
        </span>
      )}
      {block}
    </>
  );
}

export const severityLabels: Record<ProtocolGroup['severity'], string> = {
  error: 'Ошибка',
  warning: 'Предупреждение',
};

/** Where a finding is, in the sender's numbers: «запись 12, случай 100012» or «пациент P-17». */
export function recordReference(ref: {
  nZap?: string | null | undefined;
  idcase?: string | null | undefined;
  idPac?: string | null | undefined;
}): string {
  const parts: string[] = [];
  if (ref.nZap) parts.push(`запись ${ref.nZap}`);
  if (ref.idcase) parts.push(`случай ${ref.idcase}`);
  if (parts.length === 0 && ref.idPac) parts.push(`пациент ${ref.idPac}`);
  return parts.length === 0 ? 'пакет' : parts.join(', ');
}
