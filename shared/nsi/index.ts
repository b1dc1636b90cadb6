import { allKinds } from '../platform/access/sections';
import { defineArea } from '../platform/area';
import { nsiPermissions } from './permissions';

/** Reference directories (НСИ): versioned FFOMS and Минздрав directories, their loading and look-ups, the FLK rule book. */
export const nsiArea = defineArea({
  id: 'nsi',
  core: true,
  permissions: Object.values(nsiPermissions),
  sections: [{ id: 'nsi', title: 'Справочники', path: '/nsi', kinds: allKinds, available: true, order: 130 }],
  rest: [
    {
      kind: 'rest',
      name: 'NsiListDirectories',
      entry: 'functions/rest/nsi/list-directories.ts',
      method: 'GET',
      path: '/api/v1/nsi/directories',
      auth: 'user',
    },
    {
      kind: 'rest',
      name: 'NsiListVersions',
      entry: 'functions/rest/nsi/list-versions.ts',
      method: 'GET',
      path: '/api/v1/nsi/directories/{code}/versions',
      auth: 'user',
    },
    {
      kind: 'rest',
      name: 'NsiListRecords',
      entry: 'functions/rest/nsi/list-records.ts',
      method: 'GET',
      path: '/api/v1/nsi/directories/{code}/records',
      auth: 'user',
    },
  ],
  soap: [
    {
      kind: 'soap',
      name: 'SoapNsiService',
      entry: 'functions/soap/nsi/nsi-service.ts',
      service: 'NsiService',
    },
  ],
});
