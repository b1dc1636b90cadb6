import { useMe } from '../../auth/AuthContext';

/** Whether the signed-in role may maintain organisations (permission `organisations.edit` of /api/v1/me). */
export function useCanEditOrganisations(): boolean {
  return useMe().permissions?.includes('organisations.edit') ?? false;
}
