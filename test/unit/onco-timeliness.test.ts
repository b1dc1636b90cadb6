import { describe, expect, it } from 'vitest';
import {
  calendarDaysBetween,
  dispensaryTimeliness,
  isWorkingDay,
  judgeStep,
  oncoTimeLimits,
  personTimeliness,
  referralTimeliness,
  workingDaysBetween,
} from '../../shared/registry/domain/onco-timeliness';

describe('working days (Labour Code art. 112, without decreed transfers)', () => {
  it('counts Monday to Friday after the start day, the end day included', () => {
    // 2026-03-02 is a Monday
    expect(workingDaysBetween('2026-03-02', '2026-03-05')).toBe(3);
    expect(workingDaysBetween('2026-03-02', '2026-03-02')).toBe(0);
    // Friday → next Monday: one working day
    expect(workingDaysBetween('2026-03-13', '2026-03-16')).toBe(1);
    // an earlier end counts nothing
    expect(workingDaysBetween('2026-03-05', '2026-03-02')).toBe(0);
  });

  it('skips the holidays and moves a weekend holiday to the next working day, except 1–8 January', () => {
    // Prepare: 8 March 2026 is a Sunday → Monday 9 March is a day off; 9 May 2026 (Saturday) → Monday 11 May
    expect(isWorkingDay('2026-03-08')).toBe(false);
    expect(isWorkingDay('2026-03-09')).toBe(false);
    expect(isWorkingDay('2026-03-10')).toBe(true);
    expect(isWorkingDay('2026-05-11')).toBe(false);
    expect(isWorkingDay('2026-02-23')).toBe(false);
    expect(isWorkingDay('2026-06-12')).toBe(false);
    // 3–4 January 2026 fall on a weekend: not moved by the Code (the Government's decree does that)
    expect(isWorkingDay('2026-01-09')).toBe(true);
    expect(isWorkingDay('2026-01-12')).toBe(true);
    // Friday 6 March → Wednesday 11 March: 10 March and 11 March only (the 9th is off)
    expect(workingDaysBetween('2026-03-06', '2026-03-11')).toBe(2);
    // the New Year holidays: 31 December 2025 → 12 January 2026: 9 January and 12 January
    expect(workingDaysBetween('2025-12-31', '2026-01-12')).toBe(2);
  });

  it('takes a year’s decreed transfers from the calendar given', () => {
    const calendar = { daysOff: ['2026-01-09', '2026-12-31'], workingWeekends: ['2026-11-07'] };
    expect(isWorkingDay('2026-01-09', calendar)).toBe(false);
    expect(isWorkingDay('2026-11-07', calendar)).toBe(true);
    expect(workingDaysBetween('2026-01-08', '2026-01-12', calendar)).toBe(1);
  });

  it('counts calendar days plainly', () => {
    expect(calendarDaysBetween('2026-02-27', '2026-03-02')).toBe(3);
    expect(calendarDaysBetween('2024-02-28', '2024-03-01')).toBe(2);
  });
});

describe('timeliness of the steps (DOMAIN §6.3)', () => {
  it('names every limit with its unit and source', () => {
    for (const limit of Object.values(oncoTimeLimits)) {
      expect(limit.days).toBeGreaterThan(0);
      expect(limit.source).toMatch(/[А-Яа-я]/);
      expect(limit.title).toMatch(/[А-Яа-я]/);
    }
    expect(oncoTimeLimits.consultation).toMatchObject({ days: 3, unit: 'working' });
    expect(oncoTimeLimits.diagnostics).toMatchObject({ days: 7, unit: 'working' });
    expect(oncoTimeLimits.dispensary).toMatchObject({ days: 3, unit: 'working' });
  });

  it('judges a step that happened (in time or late) and one still awaited (waiting or overdue)', () => {
    // Monday 2 March 2026: the consultation within 3 working days
    expect(judgeStep('consultation', '2026-03-02', '2026-03-05', '2026-04-01')).toMatchObject({
      days: 3,
      status: 'inTime',
    });
    expect(judgeStep('consultation', '2026-03-02', '2026-03-06', '2026-04-01').status).toBe('late');
    expect(judgeStep('consultation', '2026-03-02', null, '2026-03-04')).toMatchObject({
      to: null,
      days: 2,
      status: 'waiting',
    });
    expect(judgeStep('consultation', '2026-03-02', null, '2026-03-10').status).toBe('overdue');
  });

  it('answers the person’s two spans from the register’s dates', () => {
    const t = personTimeliness(
      { suspicionDate: '2026-03-02', diagnosisDate: '2026-03-20', treatmentDate: '2026-03-25' },
      '2026-06-01',
    );
    // 2 March → 20 March: 13 working days (9 March off) > 10
    expect(t.suspicionToDiagnosis).toMatchObject({ days: 13, limit: 10, status: 'late' });
    // Friday 20 March → Wednesday 25 March: 3 working days
    expect(t.diagnosisToTreatment).toMatchObject({ days: 3, limit: 7, status: 'inTime' });
  });

  it('has no suspicion span for a known patient suspected again, and no treatment span without a diagnosis', () => {
    const known = personTimeliness(
      { suspicionDate: '2026-03-02', diagnosisDate: '2025-01-10', treatmentDate: null },
      '2026-03-03',
    );
    expect(known.suspicionToDiagnosis).toBeNull();
    expect(known.diagnosisToTreatment?.status).toBe('overdue');
    const suspected = personTimeliness(
      { suspicionDate: '2026-03-02', diagnosisDate: null, treatmentDate: null },
      '2026-03-04',
    );
    expect(suspected.suspicionToDiagnosis?.status).toBe('waiting');
    expect(suspected.diagnosisToTreatment).toBeNull();
    // a treatment dated before the diagnosis started on the diagnosis day
    const early = personTimeliness(
      { suspicionDate: null, diagnosisDate: '2026-03-10', treatmentDate: '2026-03-01' },
      '2026-04-01',
    );
    expect(early.diagnosisToTreatment).toMatchObject({ days: 0, status: 'inTime' });
  });

  it('times a referral by what answers its kind', () => {
    const events = { oncologyVisits: ['2026-02-01', '2026-03-05'], diagnosticDates: ['2026-03-16'] };
    expect(referralTimeliness({ date: '2026-03-02', kind: 1 }, events, '2026-04-01')).toMatchObject({
      step: 'consultation',
      to: '2026-03-05',
      status: 'inTime',
    });
    // to a biopsy: 2 March → 16 March is 9 working days (9 March off) > 7
    expect(referralTimeliness({ date: '2026-03-02', kind: 2 }, events, '2026-04-01')).toMatchObject({
      step: 'diagnostics',
      days: 9,
      status: 'late',
    });
    expect(referralTimeliness({ date: '2026-03-02', kind: 4 }, events, '2026-04-01')).toBeNull();
    expect(dispensaryTimeliness('2026-03-10', ['2026-03-12'], '2026-04-01')?.status).toBe('inTime');
    expect(dispensaryTimeliness(null, [], '2026-04-01')).toBeNull();
  });
});
