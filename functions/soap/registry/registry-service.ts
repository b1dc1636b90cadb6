import { can } from '../../../shared/platform/access/permissions';
import { audit } from '../../../shared/platform/access/scoped';
import { parsePackageHeader } from '../../../shared/platform/exchange/package-header';
import { Refusal } from '../../../shared/platform/flk/refusal';
import { declareAdapters, getPorts } from '../../../shared/platform/ports/ports';
import { s3BlobsAdapter } from '../../../shared/platform/ports/s3-blobs';
import { sqsQueueAdapter } from '../../../shared/platform/ports/sqs-queue';
import {
  findRegistryImport,
  markRegistryImportFailed,
  readProgress,
} from '../../../shared/registry/db/registry-journal';
import { allFindings, readProtocolGroups } from '../../../shared/registry/db/registry-protocol';
import { packageMessage, registerPackage } from '../../../shared/registry/db/registry-submit';
import type { RegistryFinding } from '../../../shared/registry/domain/findings';
import { flkProtocolXml } from '../../../shared/registry/formats/flk-protocol-writer';
import {
  maxProtocolFindings,
  registryOversizeMessage,
  registryServiceWsdl,
  registrySoapLimits,
} from '../../../shared/registry/formats/registry-service.wsdl';
import { registryPermissions } from '../../../shared/registry/permissions';
import { assertOwnSender, type SoapCall, soapDb, soapHandler } from '../../lib/soap';
import { soapText } from '../../lib/soap-values';
import { queueUpload, uploadIdentity } from '../../lib/upload';
import { inlinePackage } from './inline-package';
import { findingToSoap, protocolToSoap, statusToSoap } from './registry-to-soap';

// SendRegistry stores the package in the inbox and queues it for the import consumer.
declareAdapters([s3BlobsAdapter, sqsQueueAdapter]);

/** `ImportId` of a request: a positive integer, else a Fault naming it. */
function importIdOf(value: unknown): number {
  const text = soapText(value) ?? '';
  if (!/^\d{1,15}$/.test(text) || Number(text) === 0) {
    throw Refusal.request(
      '903',
      'ImportId — номер пакета реестра, выданный SendRegistry: целое положительное число',
      'ImportId',
      text.slice(0, 32),
    );
  }
  return Number(text);
}

/** What the caller may read: an import of another МО is as absent as one that does not exist (RLS hides it). */
const notFound = (id: number) => Refusal.notFound(`Пакет реестра № ${id} не найден`);

function requireRead(call: SoapCall): void {
  if (!can(call.caller, registryPermissions.read)) {
    throw Refusal.forbidden('Учётной записи не разрешён просмотр пакетов реестров счетов');
  }
}

/**
 * SOAP `RegistryService`: registry-invoice packages (реестры счетов) of МО systems, imported asynchronously
 * through the queue (docs/design/registry-exchange.md). `SendRegistry` checks what the channel can — the sender,
 * the name, base64, a ZIP within the SOAP limit — registers the package (the same content queued, in progress or
 * applied: `duplicate`), stores it in the inbox and queues it; `GetRegistryStatus` follows the import;
 * `GetRegistryProtocol` returns its FLK protocol (FLK_P, the V-file). Requests are capped at 4.4 MB, packages at
 * 3 MB (registrySoapLimits: Lambda's 6 MB event carries the request base64-encoded).
 */
export const handler = soapHandler({
  service: 'RegistryService',
  port: 'RegistryPort',
  wsdl: registryServiceWsdl,
  maxBytes: registrySoapLimits.requestBytes,
  oversizeMessage: registryOversizeMessage,
  operations: {
    async SendRegistry(args, call) {
      const caller = call.caller;
      if (!can(caller, registryPermissions.send)) {
        throw Refusal.forbidden('Учётной записи не разрешена отправка пакетов реестров счетов');
      }
      const raw = (args.Header ?? {}) as Record<string, unknown>;
      const { senderCode } = parsePackageHeader({
        packageId: soapText(raw.PackageId) ?? '',
        senderCode: soapText(raw.SenderCode) ?? '',
      });
      assertOwnSender(call, senderCode);
      const upload = inlinePackage(args.FileName, args.Package);
      const { key, sha256 } = uploadIdentity(upload, 'registry');
      const registered = await soapDb(call, (tx) =>
        registerPackage(tx, {
          channel: 'soap',
          fileName: upload.fileName,
          size: upload.bytes.length,
          sha256,
          blobKey: key,
        }),
      );
      const entry = registered.import;
      if (!registered.duplicate) {
        await queueUpload(getPorts(), upload, key, packageMessage(caller, entry.id, key), (error) =>
          soapDb(call, (tx) => markRegistryImportFailed(tx, entry.id, error)),
        );
      }
      return { ImportId: entry.id, Status: entry.status, DuplicateOf: entry.duplicateOf };
    },

    async GetRegistryStatus(args, call) {
      requireRead(call);
      const id = importIdOf(args.ImportId);
      const found = await soapDb(call, async (tx) => {
        const entry = await findRegistryImport(tx, id);
        if (!entry) return null;
        const [progress, groups] = await Promise.all([readProgress(tx, id), readProtocolGroups(tx, id)]);
        return statusToSoap(entry, progress, groups);
      });
      if (!found) throw notFound(id);
      return found;
    },

    async GetRegistryProtocol(args, call) {
      requireRead(call);
      const id = importIdOf(args.ImportId);
      const found = await soapDb(call, async (tx) => {
        const entry = await findRegistryImport(tx, id);
        if (!entry) return null;
        const findings: RegistryFinding[] = [];
        for await (const batch of allFindings(tx, id)) findings.push(...batch);
        await audit(tx, 'export', 'registry.protocol', { records: [id] }, { findings: findings.length });
        return { entry, findings };
      });
      if (!found) throw notFound(id);
      const { entry, findings } = found;
      const file = flkProtocolXml(entry.packageName ?? entry.fileName ?? `registry-${id}`, findings);
      return {
        ImportId: entry.id,
        Status: entry.status,
        FileName: file.fileName,
        FindingsTotal: findings.length,
        ...protocolToSoap(id, file),
        Error: findings.slice(0, maxProtocolFindings).map(findingToSoap),
      };
    },
  },
});
