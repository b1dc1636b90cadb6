import type { AdmissionKind, ReferralStatus } from '../../api/hospitalisation';

/** Russian names of the codes the hospitalisation pages show (V014, V006, statuses, canonical lists). */
export const referralStatusLabels: Record<ReferralStatus, string> = {
  issued: 'Выдано',
  admitted: 'Госпитализирован',
  cancelled: 'Аннулировано',
  expired: 'Истёк срок',
  discharged: 'Выписан',
};

export const admissionKindLabels: Record<AdmissionKind, string> = {
  planned: 'Плановая',
  emergency: 'Экстренная',
};

/** V014 — формы оказания медицинской помощи. */
export const formLabels: Record<number, string> = { 1: 'Экстренная', 2: 'Неотложная', 3: 'Плановая' };

/** V006 — условия оказания (the two an inpatient referral uses). */
export const conditionsLabels: Record<number, string> = {
  1: 'Стационарно',
  2: 'В дневном стационаре',
};

/** Canonical cancellation reasons 1–9 (DOMAIN §2.1.5; records.ts `cancelReasons`). */
export const cancelReasonLabels: Record<number, string> = {
  1: 'Отсутствие показаний для госпитализации',
  2: 'Непредставление необходимого пакета документов',
  3: 'Инициативный отказ от госпитализации пациентом',
  4: 'Отказ от госпитализации по эпидемиологическим показаниям',
  5: 'Карантин в стационарном отделении',
  6: 'Направление не по профилю заболевания',
  7: 'Неявка пациента на госпитализацию',
  8: 'Смерть до госпитализации',
  9: 'Прочие причины',
};

/** Outcomes of a stay (records.ts `dischargeOutcomes`). */
export const dischargeOutcomeLabels: Record<number, string> = {
  1: 'Выздоровление, улучшение',
  2: 'Без перемен, ухудшение',
  3: 'Смерть',
  4: 'Перевод в другую МО',
};

export const monthLabels = [
  'Январь',
  'Февраль',
  'Март',
  'Апрель',
  'Май',
  'Июнь',
  'Июль',
  'Август',
  'Сентябрь',
  'Октябрь',
  'Ноябрь',
  'Декабрь',
] as const;

/** `{1: 'А'}` → select options `[{value: '1', label: '1 — А'}]`. */
export function codeOptions(labels: Record<number, string>) {
  return Object.entries(labels).map(([value, label]) => ({ value, label: `${value} — ${label}` }));
}

/** `Терапия (29)`, or the bare code when the directory name is unknown. */
export function coded(code: number | string | null | undefined, name: string | null | undefined): string {
  if (code === null || code === undefined || code === '') return '—';
  return name ? `${name} (${code})` : String(code);
}

/** `ГБУЗ «…» (990001)`. */
export function orgLabel(code: string | null | undefined, name: string | null | undefined): string {
  if (!code) return '—';
  return name ? `${name} (${code})` : code;
}
