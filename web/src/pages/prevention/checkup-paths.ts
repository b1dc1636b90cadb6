/** Where the pages of «Медосмотры» live (the section path of `GET /api/v1/me` is `/prevention`). */
export const checkupsRootPath = '/prevention';
export const funnelPath = `${checkupsRootPath}/funnel`;
export const draftPath = `${checkupsRootPath}/draft`;
export const dueRootPath = `${checkupsRootPath}/due`;
/** An МО's upload of a plan-list file. */
export const planFilePath = `${checkupsRootPath}/file`;

/** The due list of a month (`YYYY-MM`). */
export function duePath(month: string): string {
  return `${dueRootPath}?month=${encodeURIComponent(month)}`;
}
