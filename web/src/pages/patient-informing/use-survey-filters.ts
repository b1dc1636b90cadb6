import { useMemo } from 'react';
import type { FilterSpec } from '../../components/data-table/types';
import { conditionOptions } from './patient-informing-labels';
import { useOrganisationOptions } from './use-organisation-options';

/** The filters of the surveys and their summary: the period, the МО rated and the care condition. */
export function useSurveyFilters(): FilterSpec[] {
  const moOptions = useOrganisationOptions('MO');
  return useMemo<FilterSpec[]>(
    () => [
      { kind: 'date', name: 'from', label: 'Период с' },
      { kind: 'date', name: 'to', label: 'по' },
      {
        kind: 'select',
        name: 'moCode',
        label: 'Медицинская организация',
        emptyLabel: 'все',
        options: moOptions,
      },
      { kind: 'select', name: 'condition', label: 'Условия', emptyLabel: 'все', options: conditionOptions },
    ],
    [moOptions],
  );
}
