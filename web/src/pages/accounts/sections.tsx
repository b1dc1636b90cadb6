import { AccountsSection } from './AccountsSection';

/** The accounts area's sections by id (the ids of `GET /api/v1/me`). */
export const sectionPages = { accounts: AccountsSection };
