import { flkError } from '../../flk/issue';
import { Refusal } from '../../flk/refusal';

/**
 * The rule ids a file family reports its package-level errors under (F012 801: not a readable package, its
 * size or archive; 901: not well-formed XML or not the family's structure; 902: its header missing). The
 * platform readers name no family: each family passes its own ids.
 */
export interface PackageRules {
  format: string;
  xml: string;
  header: string;
}

/** `ERZ` → `ERZ.PACKAGE.FORMAT`, `ERZ.PACKAGE.XML`, `ERZ.PACKAGE.HEADER`. */
export function packageRules(prefix: string): PackageRules {
  return {
    format: `${prefix}.PACKAGE.FORMAT`,
    xml: `${prefix}.PACKAGE.XML`,
    header: `${prefix}.PACKAGE.HEADER`,
  };
}

/** The file cannot be read as a package: nothing of it is applied (one issue, its message as the detail). */
export function packageRefusal(
  rule: string,
  code: string,
  message: string,
  field?: string | null,
  value?: string | null,
): Refusal {
  return Refusal.invalid([flkError(rule, code, message, field, value)], message);
}

/** The file (or what it inflates to) is larger than the channel accepts: refused before it is read further. */
export function packageTooLarge(rule: string, message: string, field?: string, value?: string): Refusal {
  return new Refusal('too_large', '801', message, [flkError(rule, '801', message, field, value)]);
}

export const mebibytes = (bytes: number) => Math.round(bytes / 1024 ** 2);
