import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import {
  classifyDbError,
  dbIssue,
  dbRefusal,
  isUnavailable,
  unavailableMessage,
} from '../../shared/platform/db/db-errors';

/**
 * Every database error classified in one place (issue 9): the database lost → unavailable (503, Retry-After);
 * caller data refused by a column type or constraint → invalid (904) or conflict (905) with a Russian message that
 * names no constraint, table, column or value; anything else → null (a 500 without details).
 */

/** A server error as postgres.js raises it: the message and detail name the constraint and quote the value. */
function serverError(code: string) {
  return new postgres.PostgresError({
    code,
    severity: 'ERROR',
    message: `value "Иванов Иван 1234 567890" violates constraint "referral_number_key" on table "hosp.referral"`,
    detail: 'Key (number)=(Иванов Иван 1234 567890) already exists.',
    constraint_name: 'referral_number_key',
    table_name: 'referral',
    column_name: 'number',
  } as never);
}

/** A socket or pool error: what Node (`net`) and postgres.js (`Errors.connection`) raise. */
function connectionError(code: string) {
  return Object.assign(new Error(`connect ${code} 127.0.0.1:5432`), { code });
}

describe('database errors', () => {
  it.each([
    'ECONNREFUSED',
    'ECONNRESET',
    'ETIMEDOUT',
    'EPIPE',
    'ENOTFOUND',
    'CONNECT_TIMEOUT',
    'CONNECTION_CLOSED',
    'CONNECTION_ENDED',
    'CONNECTION_DESTROYED',
    'CONNECTION_WAIT_TIMEOUT',
  ])('a lost connection (%s) is unavailable: 503 with the Russian message', (code) => {
    const error = connectionError(code);
    expect(isUnavailable(error)).toBe(true);
    expect(classifyDbError(error)).toEqual({ kind: 'unavailable' });
    const refusal = dbRefusal(error);
    expect(refusal).toMatchObject({ reason: 'unavailable', code: 'UNAVAILABLE', detail: unavailableMessage });
    expect(dbIssue(error)).toBeNull();
  });

  it.each([
    ['57P01', 'admin shutdown'],
    ['57P02', 'crash shutdown'],
    ['57P03', 'cannot connect now'],
    ['08006', 'connection failure'],
    ['08001', 'cannot establish a connection'],
    ['08P01', 'protocol violation'],
    ['53300', 'too many connections'],
    ['40001', 'serialization failure'],
    ['40P01', 'deadlock'],
  ])('SQLSTATE %s (%s) is unavailable', (code) => {
    expect(dbRefusal(serverError(code))?.reason).toBe('unavailable');
  });

  it('looks through wrappers: a multi-address connect (AggregateError) and an error cause', () => {
    const aggregate = new AggregateError([connectionError('ECONNREFUSED'), connectionError('ECONNREFUSED')]);
    expect(dbRefusal(aggregate)?.reason).toBe('unavailable');
    const wrapped = new Error('the import failed', { cause: connectionError('ECONNRESET') });
    expect(dbRefusal(wrapped)?.reason).toBe('unavailable');
  });

  it.each([
    ['22001', 'DB.LENGTH'],
    ['22003', 'DB.RANGE'],
    ['22007', 'DB.DATE'],
    ['22008', 'DB.DATE'],
    ['22P02', 'DB.FORMAT'],
    ['22021', 'DB.FORMAT'],
    ['23502', 'DB.REQUIRED'],
    ['23503', 'DB.REFERENCE'],
    ['23514', 'DB.CHECK'],
  ])('caller data refused by the database (%s) is invalid: F012 904, rule %s', (code, rule) => {
    const refusal = dbRefusal(serverError(code));
    expect(refusal).toMatchObject({ reason: 'invalid', code: '904' });
    expect(refusal!.issues).toEqual([expect.objectContaining({ rule, code: '904', severity: 'error' })]);
    expect(dbIssue(serverError(code))).toMatchObject({ rule, code: '904' });
  });

  it('a unique key not handled where the record is written is a conflict: F012 905', () => {
    const refusal = dbRefusal(serverError('23505'));
    expect(refusal).toMatchObject({ reason: 'conflict', code: '905' });
    expect(refusal!.issues[0]).toMatchObject({ rule: 'DB.DUPLICATE', code: '905' });
  });

  it('says what is wrong in Russian, never the constraint, table, column or the value', () => {
    for (const code of ['22001', '22003', '22007', '22P02', '23502', '23503', '23514', '23505']) {
      const refusal = dbRefusal(serverError(code))!;
      const text = JSON.stringify({ detail: refusal.detail, issues: refusal.issues });
      expect(text).toMatch(/[а-яё]/i);
      for (const secret of ['referral_number_key', 'hosp', 'referral', 'number', 'Иванов', '567890']) {
        expect(text, `${code}: ${text}`).not.toContain(secret);
      }
      expect(refusal.issues[0]).not.toHaveProperty('value');
      expect(refusal.issues[0]).not.toHaveProperty('field');
    }
  });

  it('anything else is ours: no class (a 500 without details)', () => {
    expect(dbRefusal(serverError('42P01'))).toBeNull(); // undefined table
    expect(dbRefusal(serverError('42703'))).toBeNull(); // undefined column
    expect(dbRefusal(serverError('XX000'))).toBeNull(); // internal error
    expect(dbRefusal(new TypeError('x is undefined'))).toBeNull();
    // A data SQLSTATE on something that is not a database error is not taken for one.
    expect(dbRefusal(Object.assign(new Error('x'), { code: '23505' }))).toBeNull();
    expect(dbRefusal(null)).toBeNull();
    expect(dbRefusal(undefined)).toBeNull();
    expect(dbRefusal('ECONNREFUSED')).toBeNull();
    expect(isUnavailable({ code: 42 })).toBe(false);
  });
});
