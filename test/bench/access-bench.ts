// Latency of the access-controlled routes: person search and card under row-level security for each kind of
// organisation, and the SOAP insurance-affiliation query (authentication with the verified-credential cache).
import type { LocalRuntime } from '../../infra/local/runtime';

export type Percentiles = (samples: number[]) => string;

async function token(url: string, username: string): Promise<string> {
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: username }),
  });
  return ((await res.json()) as { token: string }).token;
}

async function sample(n: number, call: () => Promise<Response>): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    const res = await call();
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`bench request failed with ${res.status}`);
    samples.push(performance.now() - t);
  }
  return samples;
}

export async function benchAccess(runtime: LocalRuntime, requests: number, percentiles: Percentiles) {
  const n = Math.min(requests, 200);
  for (const username of ['test_tfoms', 'test_smo', 'test_mo']) {
    const headers = { authorization: `Bearer ${await token(runtime.url, username)}` };
    const list = await sample(n, () => fetch(`${runtime.url}/api/v1/persons?pageSize=25`, { headers }));
    const first = (await (await fetch(`${runtime.url}/api/v1/persons?pageSize=1`, { headers })).json()) as {
      total: number;
      items: { id: string }[];
    };
    console.log(
      `GET /api/v1/persons as ${username} (RLS scope ${first.total} persons, page of 25 + count, audited): ${percentiles(list)}`,
    );
    const id = first.items[0]!.id;
    const card = await sample(n, () => fetch(`${runtime.url}/api/v1/persons/${id}`, { headers }));
    console.log(`GET /api/v1/persons/{id} as ${username} (card, audited): ${percentiles(card)}`);
  }
  const enp = '7700000000000016';
  const envelope =
    '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:e="urn:omslink:erz:1"><soap:Body>' +
    `<e:GetInsuranceAffiliationRequest><e:Enp>${enp}</e:Enp></e:GetInsuranceAffiliationRequest></soap:Body></soap:Envelope>`;
  const basic = `Basic ${Buffer.from('soap_mo:soap_mo').toString('base64')}`;
  const soap = await sample(n, () =>
    fetch(`${runtime.url}/soap/ErzService`, {
      method: 'POST',
      body: envelope,
      headers: { authorization: basic, 'content-type': 'text/xml' },
    }),
  );
  console.log(`SOAP GetInsuranceAffiliation (by ЕНП, audited, cached credential): ${percentiles(soap)}`);
}
