import { useMe } from '../../../auth/AuthContext';

/** Whether the signed-in role may load extracts (permission `erz.import` of /api/v1/me). */
export function useCanImportErz(): boolean {
  return useMe().permissions?.includes('erz.import') ?? false;
}
