import { formatCount } from '../../format/numbers';
import { SelectField } from '../SelectField';

interface PaginationProps {
  page: number;
  pageSize: number;
  total: number;
  pageSizes: readonly number[];
  onPage: (page: number) => void;
  onPageSize: (pageSize: number) => void;
}

/** Page buttons and the rows-per-page selector under a table. */
export function Pagination({ page, pageSize, total, pageSizes, onPage, onPageSize }: PaginationProps) {
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  return (
    <div className="pagination">
      {pageCount > 1 ? (
        <PageButtons page={page} pageCount={pageCount} onPage={onPage} />
      ) : (
        <span className="pagination-position">Все записи на одной странице</span>
      )}
      <SelectField
        name="pageSize"
        label="Строк на странице"
        className="field-inline"
        options={pageSizes.map((size) => ({ value: String(size), label: String(size) }))}
        value={String(pageSize)}
        onChange={(event) => onPageSize(Number(event.target.value))}
      />
    </div>
  );
}

interface PageButtonsProps {
  page: number;
  pageCount: number;
  onPage: (page: number) => void;
}

function PageButtons({ page, pageCount, onPage }: PageButtonsProps) {
  return (
    <nav aria-label="Страницы таблицы" className="pagination-pages">
      <button
        type="button"
        className="button button-secondary button-small"
        onClick={() => onPage(1)}
        disabled={page <= 1}
      >
        « Первая
      </button>
      <button
        type="button"
        className="button button-secondary button-small"
        onClick={() => onPage(page - 1)}
        disabled={page <= 1}
      >
        ‹ Предыдущая
      </button>
      <span className="pagination-position" data-testid="pagination-position">
        Страница {formatCount(page)} из {formatCount(pageCount)}
      </span>
      <button
        type="button"
        className="button button-secondary button-small"
        onClick={() => onPage(page + 1)}
        disabled={page >= pageCount}
      >
        Следующая ›
      </button>
      <button
        type="button"
        className="button button-secondary button-small"
        onClick={() => onPage(pageCount)}
        disabled={page >= pageCount}
      >
        Последняя »
      </button>
    </nav>
  );
}
