/**
 * The SOAP action of a request, checked against the operation its body names. The body decides what runs
 * (`<Op>Request` → Op); an action is only a claim to compare: absent or empty is fine, the WSDL's action of the
 * body's operation (`urn:omslink:<service>:1#<Op>`) or the bare operation name is fine, anything else — another
 * operation of the service, or no operation of it — is the caller's mistake (Fault SOAP-ACTION). Pure functions.
 */

type Headers = Record<string, string | undefined> | null | undefined;

function header(headers: Headers, name: string): string | undefined {
  for (const [key, value] of Object.entries(headers ?? {})) {
    if (key.toLowerCase() === name && value !== undefined) return value;
  }
  return undefined;
}

/** A value without surrounding whitespace and one pair of surrounding double quotes. */
function unquote(value: string): string {
  const v = value.trim();
  return v.length >= 2 && v.startsWith('"') && v.endsWith('"') ? v.slice(1, -1).trim() : v;
}

/**
 * The actions a request names: the SOAP 1.1 `SOAPAction` header (quoted or not) and the `action` parameter of
 * an `application/soap+xml` Content-Type (SOAP 1.2 style). Empty values name nothing and are left out.
 */
export function requestActions(headers: Headers): string[] {
  const actions: string[] = [];
  const soapAction = header(headers, 'soapaction');
  if (soapAction !== undefined) actions.push(unquote(soapAction));
  const contentType = header(headers, 'content-type') ?? '';
  if (/^\s*application\/soap\+xml\s*(;|$)/i.test(contentType)) {
    const m = /;\s*action\s*=\s*("(?:[^"\\]|\\.)*"|[^;]*)/i.exec(contentType);
    if (m) actions.push(unquote(m[1]!));
  }
  return actions.filter((a) => a !== '');
}

/** Operation → soapAction of a WSDL's binding (as `buildWsdl` writes it: `<operation name>` + `<soap:operation>`). */
export function wsdlActions(wsdl: string): Map<string, string> {
  const actions = new Map<string, string>();
  const pattern = /<operation\s+name="([^"]+)"\s*>\s*<soap:operation\s+soapAction="([^"]*)"/g;
  for (const m of wsdl.matchAll(pattern)) actions.set(m[1]!, m[2]!);
  return actions;
}

/** The operation an action names: its WSDL action or its bare name; null when it names none. */
export function operationOfAction(action: string, actions: ReadonlyMap<string, string>): string | null {
  for (const [operation, wsdlAction] of actions) {
    if (action === wsdlAction || action === operation) return operation;
  }
  return null;
}

export type SoapActionCheck = { ok: true } | { ok: false; code: 'SOAP-ACTION'; message: string };

const clip = (text: string) => (text.length > 100 ? `${text.slice(0, 99)}…` : text);

/**
 * Whether the actions a request names agree with the operation of its body. `actions` are the service's WSDL
 * actions by operation; `service` names the service in the message.
 */
export function checkSoapAction(
  requested: readonly string[],
  bodyOperation: string,
  service: string,
  actions: ReadonlyMap<string, string>,
): SoapActionCheck {
  const expected = actions.get(bodyOperation) ?? bodyOperation;
  for (const action of requested) {
    const named = operationOfAction(action, actions);
    if (named === bodyOperation) continue;
    return {
      ok: false,
      code: 'SOAP-ACTION',
      message: named
        ? `SOAPAction указывает операцию ${named}, а тело запроса — операцию ${bodyOperation}: укажите SOAPAction «${expected}» или оставьте его пустым`
        : `SOAPAction «${clip(action)}» не соответствует ни одной операции сервиса ${service} (тело запроса — операция ${bodyOperation}): укажите «${expected}» или оставьте его пустым`,
    };
  }
  return { ok: true };
}
