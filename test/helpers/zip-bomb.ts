import { Deflate } from 'fflate';

/**
 * A ZIP bomb built in a few milliseconds without holding what it inflates to: 1 MiB of zeros is deflated once
 * (about 1 KB, ending on a byte boundary after a sync flush) and the compressed block is repeated, then closed
 * with an empty final block. `inflatedMiB` = 2048 gives ~2 MB that inflate to 2 GiB.
 *
 * `declareSizes`: the local header states the sizes (a reader can refuse before inflating anything); otherwise
 * the sizes follow the data (general-purpose flag bit 3), as a streaming writer leaves them, so only the caps
 * checked while inflating can stop it.
 */
export function zipBomb(inflatedMiB: number, options: { name?: string; declareSizes?: boolean } = {}) {
  const name = new TextEncoder().encode(options.name ?? 'ERZ_BOMB.xml');
  const parts: Uint8Array[] = [];
  const deflate = new Deflate({ level: 9 }, (chunk) => parts.push(chunk));
  deflate.push(new Uint8Array(1024 * 1024));
  deflate.flush(true);
  const block = concat(parts);
  const body = new Uint8Array(block.length * inflatedMiB + 2);
  for (let i = 0; i < inflatedMiB; i++) body.set(block, i * block.length);
  body.set([0x03, 0x00], block.length * inflatedMiB); // an empty final block (fixed Huffman, end of block)
  const inflated = inflatedMiB * 1024 * 1024;
  const declare = options.declareSizes ?? false;
  const crc = 0; // never reached: a reader must refuse the archive long before its end
  const local = new DataView(new ArrayBuffer(30));
  local.setUint32(0, 0x04034b50, true);
  local.setUint16(4, 20, true);
  local.setUint16(6, declare ? 0 : 0x0008, true);
  local.setUint16(8, 8, true); // deflate
  local.setUint32(14, declare ? crc : 0, true);
  local.setUint32(18, declare ? body.length : 0, true);
  local.setUint32(22, declare ? Math.min(inflated, 0xffffffff) : 0, true);
  local.setUint16(26, name.length, true);
  const descriptor = new DataView(new ArrayBuffer(declare ? 0 : 16));
  if (!declare) {
    descriptor.setUint32(0, 0x08074b50, true);
    descriptor.setUint32(4, crc, true);
    descriptor.setUint32(8, body.length, true);
    descriptor.setUint32(12, Math.min(inflated, 0xffffffff), true);
  }
  const central = new DataView(new ArrayBuffer(46));
  central.setUint32(0, 0x02014b50, true);
  central.setUint16(4, 20, true);
  central.setUint16(6, 20, true);
  central.setUint16(8, declare ? 0 : 0x0008, true);
  central.setUint16(10, 8, true);
  central.setUint32(16, crc, true);
  central.setUint32(20, body.length, true);
  central.setUint32(24, Math.min(inflated, 0xffffffff), true);
  central.setUint16(28, name.length, true);
  const centralOffset = 30 + name.length + body.length + descriptor.byteLength;
  const end = new DataView(new ArrayBuffer(22));
  end.setUint32(0, 0x06054b50, true);
  end.setUint16(8, 1, true);
  end.setUint16(10, 1, true);
  end.setUint32(12, 46 + name.length, true);
  end.setUint32(16, centralOffset, true);
  return concat([
    new Uint8Array(local.buffer),
    name,
    body,
    new Uint8Array(descriptor.buffer),
    new Uint8Array(central.buffer),
    name,
    new Uint8Array(end.buffer),
  ]);
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
