import { describe, expect, it } from 'vitest';
import { type HistoryEvent, referralStory } from '../../shared/hospitalisation/domain/history-story';

const at = (minute: number) => new Date(Date.UTC(2026, 11, 1, 9, minute));

function event(over: Partial<HistoryEvent> & Pick<HistoryEvent, 'id' | 'entity' | 'event'>): HistoryEvent {
  return {
    at: at(0),
    orgCode: '990025',
    orgName: 'ГБУЗ «Городская больница № 1»',
    username: 'test_hosp',
    userFullName: 'Соколов Павел Олегович',
    channel: 'web',
    details: null,
    departmentName: null,
    ...over,
  };
}

describe('a referral history as people read it', () => {
  it('an admission and a discharge written on the stay and on the referral appear once each', () => {
    // Prepare: what the handlers write (the stay's event and the referral's mirror in the same transaction)
    const events = [
      event({
        id: '1',
        entity: 'referral',
        event: 'created',
        details: { number: '7701' },
        orgCode: '990001',
      }),
      event({
        id: '2',
        entity: 'stay',
        event: 'admitted',
        at: at(5),
        details: { departmentCode: 'S02', waitingForReferral: false },
        departmentName: 'Хирургическое отделение № 2',
      }),
      event({ id: '3', entity: 'referral', event: 'admitted', at: at(5), details: { stayId: '1546' } }),
      event({ id: '4', entity: 'stay', event: 'discharged', at: at(9), details: { outcome: 1 } }),
      event({ id: '5', entity: 'referral', event: 'discharged', at: at(9) }),
    ];

    // Act
    const story = referralStory(events);

    // Assess
    expect(story.map((e) => e.title)).toEqual([
      'Направление выдано',
      'Пациент госпитализирован',
      'Пациент выписан',
    ]);
    expect(story[1]!.description).toBe('Отделение: Хирургическое отделение № 2.');
    expect(story[2]!.description).toBe('Исход: Выздоровление, улучшение.');
    expect(story.every((e) => e.userName === 'Соколов Павел Олегович')).toBe(true);
  });

  it('a referral admitted without its stay in the history keeps its own event', () => {
    // Prepare: the stay's event is at another moment (not the same transaction)
    const events = [
      event({ id: '1', entity: 'referral', event: 'admitted', at: at(1), details: { stayId: '7' } }),
      event({ id: '2', entity: 'stay', event: 'moved', at: at(3), details: { departmentCode: 'S08' } }),
    ];

    // Act
    const story = referralStory(events);

    // Assess
    expect(story.map((e) => e.title)).toEqual(['Пациент госпитализирован', 'Перевод в другое отделение']);
    expect(story[1]!.description).toBe('Переведён в отделение: отделение без названия в справочнике МО.');
  });

  it('cancellations name the reason and who cancelled; an unknown account is named by its channel', () => {
    // Prepare
    const cancelled = event({
      id: '1',
      entity: 'referral',
      event: 'cancelled',
      details: { reason: 7, source: 1 },
      username: 'demo',
      userFullName: null,
      channel: 'file',
    });

    // Act
    const [entry] = referralStory([cancelled]);

    // Assess
    expect(entry!.description).toBe('Аннулировала СМО. Причина: Неявка пациента на госпитализацию.');
    expect(entry!.userName).toBe('Файловый обмен');
  });
});
