import { allKinds } from '../platform/access/sections';
import { defineArea } from '../platform/area';
import { erzJournal } from './db/erz-journal-source';
import { personPermissions } from './permissions';

/** Insured persons: the regional register (ЕРЗ) with its extract import, identity resolution and the insurance-affiliation query. */
export const personArea = defineArea({
  id: 'person',
  core: true,
  permissions: Object.values(personPermissions),
  sections: [
    {
      id: 'persons',
      title: 'Застрахованные лица',
      path: '/persons',
      kinds: allKinds,
      permission: personPermissions.read,
      available: true,
      order: 110,
    },
    {
      id: 'erz',
      title: 'Загрузка ЕРЗ',
      path: '/erz',
      kinds: ['TFOMS'],
      permission: personPermissions.readErzImports,
      available: true,
      order: 120,
    },
  ],
  rest: [
    {
      kind: 'rest',
      name: 'PersonsList',
      entry: 'functions/rest/person/list-persons.ts',
      method: 'GET',
      path: '/api/v1/persons',
      auth: 'user',
    },
    {
      kind: 'rest',
      name: 'PersonsAffiliation',
      entry: 'functions/rest/person/query-affiliation.ts',
      method: 'POST',
      path: '/api/v1/persons/affiliation',
      auth: 'user',
    },
    {
      kind: 'rest',
      name: 'PersonsGet',
      entry: 'functions/rest/person/get-person.ts',
      method: 'GET',
      path: '/api/v1/persons/{id}',
      auth: 'user',
    },
    {
      kind: 'rest',
      name: 'ErzUploadImport',
      entry: 'functions/rest/person/erz/upload-import.ts',
      method: 'POST',
      path: '/api/v1/erz/imports',
      auth: 'user',
    },
    {
      kind: 'rest',
      name: 'ErzListImports',
      entry: 'functions/rest/person/erz/list-imports.ts',
      method: 'GET',
      path: '/api/v1/erz/imports',
      auth: 'user',
    },
    {
      kind: 'rest',
      name: 'ErzGetImport',
      entry: 'functions/rest/person/erz/get-import.ts',
      method: 'GET',
      path: '/api/v1/erz/imports/{id}',
      auth: 'user',
    },
  ],
  soap: [
    {
      kind: 'soap',
      name: 'SoapErzService',
      entry: 'functions/soap/person/erz-service.ts',
      service: 'ErzService',
    },
  ],
  exchangeJournal: [erzJournal],
});
