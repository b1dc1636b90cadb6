import type { DemoStory } from '../../platform/area';
import { ensureDemoHospitalFlows } from './hospital-flows-writer';

/** The 90-day hospitalisation story of the demo region, sent through the package processor. */
export const hospitalisationDemoStory: DemoStory = {
  title: 'demo hospitalisation story',
  async run(sql, options) {
    const flows = await ensureDemoHospitalFlows(sql, options);
    const c = flows.counts;
    return {
      status: flows.status,
      ms: flows.ms,
      summary:
        `Demo hospitalisation story of the last 90 days sent through the exchange in ${(flows.ms / 1000).toFixed(1)} s: ` +
        `${c.referral?.accepted ?? 0} referrals, ${c.cancellation?.accepted ?? 0} cancellations, ` +
        `${c.admission?.accepted ?? 0} admissions, ${c.discharge?.accepted ?? 0} discharges, ` +
        `${c['free-beds']?.accepted ?? 0} free-beds reports, ${c.plan?.accepted ?? 0} plan lines.`,
    };
  },
};
