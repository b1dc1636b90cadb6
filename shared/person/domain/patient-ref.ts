import { IdentityInput } from './identity-input';

/**
 * Who an exchanged record is about: ЕНП, or СНИЛС, or ФИО + birth date (resolved against the regional register,
 * `person.resolve_identities`). The areas' records name their person with it (`patient`).
 */
export const PersonRef = IdentityInput.omit({ onDate: true });
export type PersonRef = typeof PersonRef._output;
