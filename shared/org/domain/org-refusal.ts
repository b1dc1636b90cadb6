import type { FlkError } from './organisation-flk';

/**
 * Why a change of the organisation directory was refused: FLK errors (400), a duplicate key (409), an unknown
 * organisation or record (404). Thrown inside the transaction, so nothing of the change is stored.
 */
export class OrgRefusal extends Error {
  constructor(
    readonly reason: 'invalid' | 'duplicate' | 'not_found',
    readonly errors: FlkError[],
    readonly detail?: string,
  ) {
    super(reason);
    this.name = 'OrgRefusal';
  }

  static invalid(errors: FlkError[]): OrgRefusal {
    return new OrgRefusal('invalid', errors);
  }

  static notFound(detail: string): OrgRefusal {
    return new OrgRefusal('not_found', [], detail);
  }
}
