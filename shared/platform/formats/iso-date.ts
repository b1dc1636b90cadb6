const isoDateShape = /^\d{4}-\d{2}-\d{2}$/;

/** `YYYY-MM-DD` naming a real calendar day (the date form of every exchange file and API). */
export function isIsoDate(value: string): boolean {
  if (value.length !== 10 || !isoDateShape.test(value)) return false;
  const year = Number(value.slice(0, 4));
  const month = Number(value.slice(5, 7));
  const day = Number(value.slice(8, 10));
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return (
    day <=
    (month === 2 ? (leap ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31)
  );
}
