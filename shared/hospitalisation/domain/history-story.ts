import { cancelReasons, dischargeOutcomes } from './records';

/**
 * A referral's history as people read it (issue 11): each event of the referral and of its stays in Russian, its
 * details as a sentence with names, the organisation and the user by name.
 */

/** One row of `hosp.event` with the names a reader needs joined to it. */
export interface HistoryEvent {
  id: string;
  at: Date;
  entity: 'referral' | 'stay';
  event: string;
  orgCode: string | null;
  orgName: string | null;
  username: string | null;
  userFullName: string | null;
  channel: string | null;
  details: Record<string, unknown> | null;
  /** The department the event names (`details.departmentCode`), from the stay's hospital. */
  departmentName: string | null;
}

export interface HistoryEntry {
  id: string;
  at: Date;
  entity: 'referral' | 'stay';
  event: string;
  title: string;
  description: string;
  orgCode: string | null;
  orgName: string | null;
  username: string | null;
  /** The account's full name; when no account is known, who acted in words (the channel). */
  userName: string;
  /** The event's own data, as stored (for programs; people read `description`). */
  details: Record<string, unknown> | null;
}

const titles: Record<string, string> = {
  'referral.created': 'Направление выдано',
  'referral.updated': 'Направление изменено',
  'referral.cancelled': 'Направление аннулировано',
  'referral.matched': 'Направление связано с госпитализацией',
  'referral.admitted': 'Пациент госпитализирован',
  'referral.discharged': 'Пациент выписан',
  'stay.admitted': 'Пациент госпитализирован',
  'stay.emergency_admitted': 'Пациент госпитализирован экстренно',
  'stay.updated': 'Сведения о госпитализации изменены',
  'stay.moved': 'Перевод в другое отделение',
  'stay.discharged': 'Пациент выписан',
};

const channelActors: Record<string, string> = {
  web: 'Пользователь веб-интерфейса',
  rest: 'Информационная система (REST)',
  soap: 'Информационная система (SOAP)',
  file: 'Файловый обмен',
  system: 'Система',
};

const cancelSources: Record<number, string> = { 1: 'СМО', 2: 'стационар', 3: 'направившая МО' };

const numberOf = (value: unknown): number | null => {
  const n = typeof value === 'string' ? Number(value) : value;
  return typeof n === 'number' && Number.isInteger(n) ? n : null;
};

function department(e: HistoryEvent): string | null {
  const code = e.details?.departmentCode;
  if (typeof code !== 'string' || code === '') return null;
  return e.departmentName ?? 'отделение без названия в справочнике МО';
}

/** The event's details as a sentence (empty when there is nothing to add to the title). */
export function describeHistoryEvent(e: HistoryEvent): string {
  const d = e.details ?? {};
  const dept = department(e);
  switch (`${e.entity}.${e.event}`) {
    case 'referral.created':
      return typeof d.number === 'string' ? `Номер направления ${d.number}.` : '';
    case 'referral.cancelled': {
      const reason = numberOf(d.reason);
      const source = numberOf(d.source);
      const by = source !== null && cancelSources[source] ? `Аннулировала ${cancelSources[source]}. ` : '';
      return `${by}Причина: ${reason !== null ? (cancelReasons[reason] ?? 'не указана') : 'не указана'}.`;
    }
    case 'referral.matched': {
      const stays = numberOf(d.stays);
      return stays === null ? '' : `Найдено госпитализаций по номеру направления: ${stays}.`;
    }
    case 'stay.admitted':
    case 'stay.emergency_admitted':
    case 'stay.updated': {
      const parts = [dept && `Отделение: ${dept}.`];
      if (d.waitingForReferral === true) parts.push('Направление в системе ещё не получено.');
      return parts.filter(Boolean).join(' ');
    }
    case 'stay.moved':
      return dept ? `Переведён в отделение: ${dept}.` : '';
    case 'stay.discharged': {
      const outcome = numberOf(d.outcome);
      return outcome === null ? '' : `Исход: ${dischargeOutcomes[outcome] ?? 'не указан'}.`;
    }
    default:
      return '';
  }
}

/**
 * A referral's admission and discharge are written twice in the same transaction — once on the stay (with its
 * department or outcome) and once on the referral (for the referral's feed). The story keeps the stay's.
 */
function isMirror(e: HistoryEvent, events: readonly HistoryEvent[]): boolean {
  if (e.entity !== 'referral' || (e.event !== 'admitted' && e.event !== 'discharged')) return false;
  const stayEvents = e.event === 'admitted' ? ['admitted', 'emergency_admitted', 'updated'] : ['discharged'];
  return events.some(
    (s) => s.entity === 'stay' && s.at.getTime() === e.at.getTime() && stayEvents.includes(s.event),
  );
}

/** The events of a referral and its stays, in order, as the history shows them. */
export function referralStory(events: readonly HistoryEvent[]): HistoryEntry[] {
  return events
    .filter((e) => !isMirror(e, events))
    .map((e) => ({
      id: e.id,
      at: e.at,
      entity: e.entity,
      event: e.event,
      title: titles[`${e.entity}.${e.event}`] ?? 'Событие обмена',
      description: describeHistoryEvent(e),
      orgCode: e.orgCode,
      orgName: e.orgName,
      username: e.username,
      userName: e.userFullName ?? channelActors[e.channel ?? ''] ?? 'Не указан',
      details: e.details,
    }));
}
