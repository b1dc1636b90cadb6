// Latency of the access-controlled routes: person search and card under row-level security for each kind of
// organisation, and the SOAP insurance-affiliation query (authentication with the verified-credential cache).
import { type Measure, percentilesOf, report } from './report';

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

export async function benchAccess(url: string, requests: number, ceiling: Measure & { label: string }) {
  const n = Math.min(requests, 200);
  const row = (path: string, samples: number[]) => {
    const p = percentilesOf(samples);
    report({
      path,
      value: p.p50,
      unit: 'ms',
      better: 'lower',
      detail: `p95 ${p.p95.toFixed(1)} ms, p99 ${p.p99.toFixed(1)} ms`,
      ceiling,
    });
  };
  for (const username of ['test_tfoms', 'test_smo', 'test_mo']) {
    const headers = { authorization: `Bearer ${await token(url, username)}` };
    const first = (await (await fetch(`${url}/api/v1/persons?pageSize=1`, { headers })).json()) as {
      items: { id: string }[];
    };
    row(
      `GET /api/v1/persons as ${username}, page of 25, p50`,
      await sample(n, () => fetch(`${url}/api/v1/persons?pageSize=25`, { headers })),
    );
    const id = first.items[0]!.id;
    row(
      `GET /api/v1/persons/{id} as ${username} (card), p50`,
      await sample(n, () => fetch(`${url}/api/v1/persons/${id}`, { headers })),
    );
  }
  const enp = '7700000000000016';
  const envelope =
    '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:e="urn:omslink:erz:1"><soap:Body>' +
    `<e:GetInsuranceAffiliationRequest><e:Enp>${enp}</e:Enp></e:GetInsuranceAffiliationRequest></soap:Body></soap:Envelope>`;
  const basic = `Basic ${Buffer.from('soap_mo:soap_mo').toString('base64')}`;
  row(
    'SOAP GetInsuranceAffiliation (by ЕНП, cached credential), p50',
    await sample(n, () =>
      fetch(`${url}/soap/ErzService`, {
        method: 'POST',
        body: envelope,
        headers: { authorization: basic, 'content-type': 'text/xml' },
      }),
    ),
  );
}
