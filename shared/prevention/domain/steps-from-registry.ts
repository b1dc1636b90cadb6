import { type ExamStepCode, type PreventionKind, stepOfRegistryCase } from './exam-steps';

/** An examination case of an imported D-file, as `prevention.registry_exam_cases` answers it. */
export interface RegistryExamRow {
  idcase: string;
  personId: string;
  smoCode: string | null;
  /** SCHET/DISP (V016) of the file. */
  disp: string | null;
  /** Z_SL/RSLT (V009). */
  rslt: number | null;
  /** Z_SL/P_OTK = 1. */
  refused: boolean;
  /** DATE_Z_2: the step's date. */
  dateZ2: string;
}

/** A step derived from a registry case: under the case's IDCASE, so its corrected version replaces it. */
export interface RegistryStep {
  sourceId: string;
  personId: string;
  smoCode: string | null;
  kind: PreventionKind;
  step: ExamStepCode;
  date: string;
}

/**
 * The participation steps a D-file's cases stand for (D§2.4.3 through `stepOfRegistryCase`); cases whose type is
 * not planned (children's examinations) or whose result maps to no step give none. Pure.
 */
export function stepsFromRegistry(rows: readonly RegistryExamRow[]): RegistryStep[] {
  return rows.flatMap((row) => {
    const derived = row.disp
      ? stepOfRegistryCase({ disp: row.disp, rslt: row.rslt, refused: row.refused })
      : null;
    return derived
      ? [
          {
            sourceId: `reg:${row.idcase}`,
            personId: row.personId,
            smoCode: row.smoCode,
            kind: derived.kind,
            step: derived.step,
            date: row.dateZ2,
          },
        ]
      : [];
  });
}
