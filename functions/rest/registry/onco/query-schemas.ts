import * as z from 'zod';
import { pageNumber, pageSize } from '../../../../shared/platform/flk/edge-types';
import { problems } from '../../../lib/problem';

/** A person's id in the path (`/onco/persons/{personId}`): digits; anything else is a person that does not exist. */
export function personIdOf(value: string | undefined): string {
  if (value === undefined || !/^\d{1,18}$/.test(value)) {
    throw problems.notFound('Лицо не найдено или недоступно вашей организации.');
  }
  return value;
}

/** `GET /onco/persons/{personId}`: which cases the timeline shows. */
export const TimelineQuery = z.object({
  cases: z
    .enum(['all', 'onco', 'oncologyProfile'], { error: 'Случаи: all, onco или oncologyProfile' })
    .default('all'),
});

/** `GET /onco/persons/{personId}/services`: a page, optionally the «Онкология» profiles only. */
export const ServicesQuery = z.object({
  page: pageNumber(),
  pageSize: pageSize(500, 100),
  oncologyProfile: z
    .enum(['true', 'false'], { error: 'Ожидается true или false' })
    .default('false')
    .transform((v) => v === 'true'),
});

/** `POST /onco/persons/export?format=csv|xlsx`. */
export const ExportQuery = z.object({
  format: z.enum(['csv', 'xlsx'], { error: 'Формат выгрузки: csv или xlsx' }).default('csv'),
});
