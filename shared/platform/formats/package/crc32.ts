/**
 * CRC-32 (IEEE 802.3, the checksum of ZIP entries), computed incrementally: `crc32Update(state, bytes)` over the
 * data as it arrives, starting from `crc32Start`, and `crc32Final(state)` at its end. Slicing by 4 (four table
 * look-ups per 4 bytes) keeps a gigabyte within a couple of seconds.
 */

const tables = (() => {
  const t = new Int32Array(4 * 256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  for (let n = 0; n < 256; n++) {
    let c = t[n]!;
    for (let k = 1; k < 4; k++) {
      c = t[c & 0xff]! ^ (c >>> 8);
      t[k * 256 + n] = c;
    }
  }
  return t;
})();

export const crc32Start = -1;

export function crc32Update(state: number, bytes: Uint8Array): number {
  const t = tables;
  let c = state;
  let i = 0;
  const end4 = bytes.length - (bytes.length % 4);
  for (; i < end4; i += 4) {
    c ^= bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24);
    c = t[768 + (c & 0xff)]! ^ t[512 + ((c >>> 8) & 0xff)]! ^ t[256 + ((c >>> 16) & 0xff)]! ^ t[c >>> 24]!;
  }
  for (; i < bytes.length; i++) c = t[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return c;
}

/** The checksum as an unsigned 32-bit number (as a ZIP header stores it). */
export function crc32Final(state: number): number {
  return ~state >>> 0;
}

export function crc32(bytes: Uint8Array): number {
  return crc32Final(crc32Update(crc32Start, bytes));
}
