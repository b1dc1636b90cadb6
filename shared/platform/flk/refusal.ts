import { type FlkIssue, flkError } from './issue';

/**
 * Why a whole request, package or file is refused — nothing of it is stored. The REST wrapper answers it as
 * `application/problem+json` (status by reason, `errors` = the issues), the SOAP wrapper as a `soap:Client`
 * Fault with the code; file imports record it as the file's package-level protocol.
 */
export type RefusalReason =
  | 'invalid'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'too_large'
  | 'locked'
  | 'precondition_required'
  | 'unavailable';

export class Refusal extends Error {
  constructor(
    readonly reason: RefusalReason,
    /** A stable code: an F012 code (902–905) or a channel code such as AUTH-403, SIZE-413. */
    readonly code: string,
    /** A Russian sentence for the caller. */
    readonly detail: string,
    readonly issues: readonly FlkIssue[] = [],
    /** A short Russian title (problem+json `title`); defaults by reason. */
    readonly title?: string,
  ) {
    super(detail);
    this.name = 'Refusal';
  }

  /** Failed FLK: the issues say what to fix. */
  static invalid(issues: readonly FlkIssue[], detail = 'Запрос не прошёл форматно-логический контроль.') {
    return new Refusal('invalid', issues[0]?.code ?? '904', detail, issues);
  }

  /** A request-level mistake with one F012 code (a missing id, a bad date parameter …). */
  static request(code: string, detail: string, field?: string, value?: string) {
    return new Refusal('invalid', code, detail, [flkError('REQUEST', code, detail, field, value)]);
  }

  static unauthenticated(detail = 'Токен отсутствует, истёк или отозван.') {
    return new Refusal('unauthenticated', 'AUTH-401', detail);
  }

  static forbidden(detail = 'Недостаточно прав для этого действия.') {
    return new Refusal('forbidden', 'AUTH-403', detail);
  }

  static notFound(detail: string) {
    return new Refusal('not_found', 'NOT-FOUND', detail);
  }

  static conflict(detail: string, issues: readonly FlkIssue[] = [], title?: string) {
    return new Refusal('conflict', issues[0]?.code ?? '905', detail, issues, title);
  }

  static tooLarge(detail: string) {
    return new Refusal('too_large', 'SIZE-413', detail);
  }

  static unavailable(detail: string) {
    return new Refusal('unavailable', 'UNAVAILABLE', detail);
  }
}
