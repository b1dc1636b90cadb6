import type { APIGatewayProxyEvent } from 'aws-lambda';
import { problems } from '../../lib/problem';

/** The `{id}` of a registry path: a positive integer, else 404 (an address that names nothing). */
export function registryIdOf(event: APIGatewayProxyEvent): number {
  const raw = event.pathParameters?.id ?? '';
  if (!/^\d{1,15}$/.test(raw) || Number(raw) === 0)
    throw problems.notFound(`Пакет реестра № ${raw} не найден.`);
  return Number(raw);
}
