import { type Children, type GroupNode, group, many } from '../../platform/formats/xml-tree-schema';
import { napr, onkSl, onkUsl, sl, usl, type Zap, zap, zSl } from '../domain/registry-tags';

/**
 * The format version switch (DOMAIN §3.3, placement caveat). From format 3.1 `ONK_USL` sits inside `ONK_SL` and
 * `NAPR` under `SL` — the tag tables of registry-tags.ts. In the first edition (3.0, 2018) both sat under `USL`:
 * a 3.0 file is read with the 3.0 tables below and each case is then moved to the 3.1 placement (every
 * `USL/NAPR` to its `SL/NAPR`, every `USL/ONK_USL` to its `SL/ONK_SL/ONK_USL`, in file order), so records always
 * have the shape of the current tables. The 2018 text was not at hand: under `USL` the two groups are read
 * after `CODE_MD` (NAPR, then ONK_USL), an assumption the docs state.
 */

export type FormatPlacement = '3.0' | '3.1';

/** Versions accepted in ZGLV/VERSION of the main file: 3.0 … 3.99 (3.0 placement for 3.0 only). */
export function placementOf(version: string): FormatPlacement | null {
  const m = /^3\.(\d{1,2})$/.exec(version);
  if (!m) return null;
  return Number(m[1]) === 0 ? '3.0' : '3.1';
}

function withAfter(children: Children, after: string, extra: Children): Children {
  const out: Record<string, Children[string]> = {};
  for (const [tag, node] of Object.entries(children)) {
    out[tag] = node;
    if (tag === after) Object.assign(out, extra);
  }
  return out;
}

function without(children: Children, tag: string): Children {
  const out: Record<string, Children[string]> = {};
  for (const [t, node] of Object.entries(children)) if (t !== tag) out[t] = node;
  return out;
}

const usl30 = group(withAfter(usl.children, 'CODE_MD', { NAPR: many(napr), ONK_USL: many(onkUsl) }));
const onkSl30 = { ...group(without(onkSl.children, 'ONK_USL')), occurs: 'opt' as const };
const sl30 = group({
  ...without(sl.children, 'NAPR'),
  ONK_SL: onkSl30,
  USL: many(usl30),
});
// Key order of `sl30` follows `sl` (spreading keeps the first position of ONK_SL and USL).
const zSl30 = group({ ...zSl.children, SL: { ...sl30, occurs: 'some' as const } });

/** The 3.0 table of a `ZAP`: `NAPR` and `ONK_USL` under `USL`, not under `SL` and `ONK_SL`. */
export const zap30: GroupNode = group({ ...zap.children, Z_SL: zSl30 });

/** The table a main file of this placement is read with. */
export function zapTableOf(placement: FormatPlacement): GroupNode {
  return placement === '3.0' ? zap30 : zap;
}

type Loose = Record<string, unknown>;
const list = (value: unknown) => (Array.isArray(value) ? (value as Loose[]) : []);

/**
 * Moves a case read with the 3.0 table to the 3.1 placement, in place. Answers the `SL_ID`/`IDSERV` of every
 * service whose `ONK_USL` had no `ONK_SL` to go to (they are dropped: the caller reports them).
 */
export function toCurrentPlacement(record: Loose): { slId?: string; idserv?: string }[] {
  const orphans: { slId?: string; idserv?: string }[] = [];
  const zsl = record.Z_SL as Loose | undefined;
  for (const s of list(zsl?.SL)) {
    const napr: Loose[] = list(s.NAPR);
    const onk = s.ONK_SL as Loose | undefined;
    const onkUsl: Loose[] = onk ? list(onk.ONK_USL) : [];
    for (const u of list(s.USL)) {
      napr.push(...list(u.NAPR));
      const services = list(u.ONK_USL);
      if (services.length && !onk) {
        orphans.push({
          ...(typeof s.SL_ID === 'string' ? { slId: s.SL_ID } : {}),
          ...(typeof u.IDSERV === 'string' ? { idserv: u.IDSERV } : {}),
        });
      }
      onkUsl.push(...services);
      delete u.NAPR;
      delete u.ONK_USL;
    }
    s.NAPR = napr;
    if (onk) onk.ONK_USL = onkUsl;
  }
  return orphans;
}

/**
 * The 3.0 placement of a current case, for writing a 3.0 file: each `SL`'s referrals and onco services go to
 * its first `USL`. Throws when an `SL` with either has no `USL` (3.0 cannot say it).
 */
export function toPlacement30(record: Zap): Loose {
  const copy = structuredClone(record) as unknown as Loose;
  for (const s of list((copy.Z_SL as Loose).SL)) {
    const napr = list(s.NAPR);
    const onk = s.ONK_SL as Loose | undefined;
    const services = onk ? list(onk.ONK_USL) : [];
    delete s.NAPR;
    if (onk) delete onk.ONK_USL;
    if (!napr.length && !services.length) continue;
    const first = list(s.USL)[0];
    if (!first)
      throw new Error(`SL ${String(s.SL_ID)}: NAPR or ONK_USL without USL cannot be written as format 3.0`);
    first.NAPR = napr;
    first.ONK_USL = services;
  }
  return copy;
}
