import { Link } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import { StatusMessage } from '../../components/StatusMessage';
import { CheckupNav } from './CheckupNav';
import { checkupsRootPath } from './checkup-paths';
import { PreventionFileUpload } from './PreventionFileUpload';
import { useCheckupAccess } from './use-checkup-access';
import './checkups.css';

/**
 * «Загрузка файла плана»: an МО sends its plan list as a file (`PROF_M<код МО>T<код региона>_<ГГММ><N>.xml`,
 * docs/formats/prevention-files.md) made by its own system; the records are checked as every plan entry is, and
 * the page shows what was accepted, each rejected record with its errors, and the error answer to download.
 */
export function PlanFilePage() {
  const access = useCheckupAccess();
  if (!access.canSendPlan) {
    return (
      <>
        <PageHeader title="Загрузка файла плана" crumbs={[{ label: 'Медосмотры', to: checkupsRootPath }]} />
        <StatusMessage kind="info">Файл плана загружает медицинская организация.</StatusMessage>
      </>
    );
  }
  return (
    <>
      <PageHeader
        title="Загрузка файла плана"
        description="Список граждан для профилактических мероприятий, сформированный в информационной системе МО. Записи проверяются так же, как при отправке плана со страницы; принятые записи сразу попадают в план."
      />
      <CheckupNav />
      <section className="panel" aria-labelledby="plan-file-title">
        <h2 id="plan-file-title" className="panel-title">
          Файл плана
        </h2>
        <PreventionFileUpload
          formLabel="Загрузка файла плана"
          inputLabel="Файл плана (XML или ZIP, до 10 МБ)"
          missing="Выберите файл плана."
          hint={
            <>
              Имя файла: PROF_M&lt;код МО&gt;T&lt;код региона&gt;_&lt;ГГММ&gt;&lt;номер&gt;.xml, кодировка
              windows-1251 или UTF-8. Повторная загрузка того же файла ничего не меняет. В ответе на файл —
              ошибки по каждой отклонённой записи.
            </>
          }
          afterAccepted={<Link to={checkupsRootPath}>Открыть план</Link>}
        />
      </section>
    </>
  );
}
