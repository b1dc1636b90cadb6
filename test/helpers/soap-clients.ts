import { randomUUID } from 'node:crypto';
import * as soap from 'soap';

/** What node-soap answers: untyped objects. */
// biome-ignore lint/suspicious/noExplicitAny: node-soap answers untyped objects
export type SoapAny = any;

/** A client generated from a service's WSDL, signed in as `username` (WS-Security, password = username). */
export async function soapClient(baseUrl: string, service: string, username: string): Promise<SoapAny> {
  const url = `${baseUrl}/soap/${service}`;
  const c = await soap.createClientAsync(`${url}?wsdl`);
  c.setEndpoint(url);
  c.setSecurity(
    new soap.WSSecurity(username, username, { passwordType: 'PasswordText', hasTimeStamp: false }),
  );
  return c;
}

/** node-soap gives one object for one occurrence and an array for several. */
export function soapList<T>(value: T | T[] | undefined): T[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** node-soap parses xs:date into a Date at UTC midnight. */
export const soapDay = (value: unknown) =>
  value instanceof Date ? value.toISOString().slice(0, 10) : String(value);

/** The package header of every Send… operation. */
export const packageHeader = (senderCode: string, packageId = `pkg-${randomUUID()}`) => ({
  PackageId: packageId,
  SenderCode: senderCode,
  CreatedAt: new Date().toISOString(),
});
