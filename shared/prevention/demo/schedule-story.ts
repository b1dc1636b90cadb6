import { Random } from '../../demo/random';
import type { RegionStructure } from '../../demo/region-structure';
import { generateRegionStructure } from '../../demo/region-structure';
import { iso } from '../../demo/story-support';
import type { AccessContext } from '../../platform/access/scoped';
import type { DemoStory } from '../../platform/area';
import {
  maxPreventionRecords,
  type PreventionMessageKind,
  processPreventionPackage,
} from '../db/process-package';
import type { ContactRecord, ScheduleSlotRecord } from '../domain/records';

const villages = [
  'Заречное',
  'Берёзовка',
  'Сосновка',
  'Озёрки',
  'Красное Поле',
  'Лесной',
  'Степное',
  'Покровка',
];
const stops = ['ФАП', 'сельский дом культуры', 'здание администрации', 'школа'];

/**
 * The exam schedules of the demo region's primary-care МО for the 13 weeks from `today`: weekday mornings, one
 * evening a week (16:00–20:00), a Saturday a month for most, and for those with remote districts a mobile team to
 * a village twice a month with its stop's address; each МО's contact phone. Deterministic for a seed and a day.
 */
export function generateDemoSchedules(
  seed: string,
  region: RegionStructure,
  today: string,
): { moCode: string; slots: ScheduleSlotRecord[]; contacts: ContactRecord[] }[] {
  const rnd = new Random(`${seed}/schedules`);
  const primary = region.organisations.filter((o) => o.kind === 'MO' && o.serves !== null);
  const start = new Date(`${today}T00:00:00Z`);
  return primary.map((mo) => {
    const department = region.departments.find((d) => d.moCode === mo.code && d.kind === 'polyclinic');
    const saturdays = rnd.chance(0.8);
    // An МО with remote districts sends mobile teams there (the completeness check asks it to).
    rnd.chance(0.33);
    const mobile = region.districts.some((d) => d.moCode === mo.code && d.remote);
    const village = rnd.pick(villages);
    const slots: ScheduleSlotRecord[] = [];
    const add = (date: Date, timeFrom: string, timeTo: string, over: Partial<ScheduleSlotRecord> = {}) =>
      slots.push({
        sourceId: `demo-${mo.code}-${iso(date)}-${timeFrom}`,
        moCode: mo.code,
        kind: 'DVN',
        date: iso(date),
        timeFrom,
        timeTo,
        method: 1,
        cancelled: false,
        ...(department ? { departmentCode: department.code } : {}),
        ...over,
      });
    for (let day = 1; day <= 91; day++) {
      const date = new Date(start.getTime() + day * 86_400_000);
      const weekday = date.getUTCDay();
      if (weekday >= 1 && weekday <= 5) add(date, '08:00', '12:00', { kind: weekday % 2 ? 'DVN' : 'PMO' });
      if (weekday === 2) add(date, '16:00', '20:00');
      if (weekday === 6 && saturdays && date.getUTCDate() <= 7) add(date, '09:00', '14:00');
      if (
        mobile &&
        weekday === 3 &&
        (date.getUTCDate() <= 7 || (date.getUTCDate() > 14 && date.getUTCDate() <= 21))
      ) {
        add(date, '10:00', '15:00', {
          method: 2,
          address: `с. ${village}, ${rnd.pick(stops)}`,
          capacity: rnd.int(20, 60),
        });
      }
    }
    const contacts: ContactRecord[] = [
      {
        sourceId: `demo-contact-${mo.code}`,
        moCode: mo.code,
        phone: mo.phone,
        comment: 'Запись на диспансеризацию',
      },
    ];
    return { moCode: mo.code, slots, contacts };
  });
}

/** The demo schedules, sent through the prevention exchange as each МО's system account. */
export const preventionDemoStory: DemoStory = {
  title: 'demo exam schedules',
  async run(sql, options) {
    const present =
      await sql`select 1 from prevention.package where package_id like 'demo-contact-%' limit 1`;
    if (present.length > 0) return { status: 'present', summary: '', ms: 0 };
    const started = performance.now();
    const today = new Date().toISOString().slice(0, 10);
    const schedules = generateDemoSchedules(options.seed, generateRegionStructure(options.seed), today);
    let slots = 0;
    const send = async (
      who: AccessContext,
      kind: PreventionMessageKind,
      packageId: string,
      records: unknown[],
    ) => {
      for (let i = 0; i < records.length; i += maxPreventionRecords) {
        const protocol = await processPreventionPackage(
          sql,
          who,
          kind,
          { packageId: `${packageId}-${i}`, senderCode: who.orgCode },
          records.slice(i, i + maxPreventionRecords),
        );
        if (kind === 'schedule-slot') slots += protocol.accepted;
      }
    };
    for (const { moCode, slots: records, contacts } of schedules) {
      if (options.signal?.aborted)
        return { status: 'interrupted', summary: '', ms: performance.now() - started };
      const who: AccessContext = {
        username: 'demo',
        role: 'mo_system',
        orgCode: moCode,
        orgKind: 'MO',
        channel: 'file',
        requestId: 'demo',
      };
      await send(who, 'schedule-slot', `demo-schedule-${moCode}-${today}`, records);
      await send(who, 'contact', `demo-contact-${moCode}`, contacts);
    }
    const ms = Math.round(performance.now() - started);
    return {
      status: 'generated',
      ms,
      summary: `Demo exam schedules sent through the exchange in ${(ms / 1000).toFixed(1)} s: ${slots} slots of ${schedules.length} МО.`,
    };
  },
};
