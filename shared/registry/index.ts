import { allKinds } from '../platform/access/sections';
import { defineArea } from '../platform/area';
import { registryRecordSources } from './db/person-records';
import { oncoRoutes } from './onco-routes';
import { registryPermissions } from './permissions';

const rest = (name: string, method: 'GET' | 'POST' | 'DELETE', path: string, entry: string) =>
  ({ kind: 'rest', name, entry: `functions/rest/registry/${entry}`, method, path, auth: 'user' }) as const;

/**
 * Registry-invoice packages (реестры счетов) through the queue, and the oncology register built on them
 * (docs/design/registry-exchange.md, docs/design/onco-register.md).
 */
export const registryArea = defineArea({
  id: 'registry',
  core: false,
  permissions: Object.values(registryPermissions),
  sections: [
    {
      id: 'registries',
      title: 'Загрузка реестров',
      path: '/registries',
      kinds: allKinds,
      available: true,
      order: 55,
    },
    { id: 'onco', title: 'Онкорегистр', path: '/onco', kinds: allKinds, available: true, order: 60 },
  ],
  rest: [
    rest('RegistriesCreateUpload', 'POST', '/api/v1/registries/uploads', 'create-upload.ts'),
    rest('RegistriesSubmit', 'POST', '/api/v1/registries', 'submit-registry.ts'),
    rest('RegistriesList', 'GET', '/api/v1/registries', 'list-registries.ts'),
    rest('RegistriesGet', 'GET', '/api/v1/registries/{id}', 'get-registry.ts'),
    rest('RegistriesFindings', 'GET', '/api/v1/registries/{id}/findings', 'list-findings.ts'),
    rest('RegistriesProtocol', 'GET', '/api/v1/registries/{id}/protocol', 'download-protocol.ts'),
    ...oncoRoutes,
  ],
  personRecords: registryRecordSources,
  soap: [
    {
      kind: 'soap',
      name: 'SoapRegistryService',
      entry: 'functions/soap/registry/registry-service.ts',
      service: 'RegistryService',
    },
  ],
});
