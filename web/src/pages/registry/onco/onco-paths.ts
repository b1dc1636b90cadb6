/** Where «Онкорегистр» lives (section id `onco`, path `/onco`). */
export const oncoRootPath = '/onco';

export function oncoPersonPath(personId: string): string {
  return `${oncoRootPath}/persons/${encodeURIComponent(personId)}`;
}
