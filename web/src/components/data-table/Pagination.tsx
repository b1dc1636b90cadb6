import { formatCount } from '../../format/numbers';
import { SelectField } from '../SelectField';

interface PaginationProps {
  page: number;
  pageSize: number;
  /** Every matching row counted: pages are numbered «N из M» with a last-page button. */
  total?: number;
  /** A list that does not count: whether a next page exists. */
  hasMore?: boolean;
  pageSizes: readonly number[];
  onPage: (page: number) => void;
  onPageSize: (pageSize: number) => void;
}

/** Page buttons and the rows-per-page selector under a table. */
export function Pagination({
  page,
  pageSize,
  total,
  hasMore = false,
  pageSizes,
  onPage,
  onPageSize,
}: PaginationProps) {
  const pageCount = total === undefined ? undefined : Math.max(1, Math.ceil(total / pageSize));
  return (
    <div className="pagination">
      {pageCount === undefined ? (
        page > 1 || hasMore ? (
          <PageButtons page={page} hasMore={hasMore} onPage={onPage} />
        ) : (
          <span className="pagination-position">Все записи на одной странице</span>
        )
      ) : pageCount > 1 ? (
        <PageButtons page={page} pageCount={pageCount} hasMore={page < pageCount} onPage={onPage} />
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
  /** Known when the list is counted; otherwise there is no «last page». */
  pageCount?: number;
  hasMore: boolean;
  onPage: (page: number) => void;
}

function PageButtons({ page, pageCount, hasMore, onPage }: PageButtonsProps) {
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
        Страница {formatCount(page)}
        {pageCount === undefined ? '' : ` из ${formatCount(pageCount)}`}
      </span>
      <button
        type="button"
        className="button button-secondary button-small"
        onClick={() => onPage(page + 1)}
        disabled={!hasMore}
      >
        Следующая ›
      </button>
      {pageCount !== undefined && (
        <button
          type="button"
          className="button button-secondary button-small"
          onClick={() => onPage(pageCount)}
          disabled={page >= pageCount}
        >
          Последняя »
        </button>
      )}
    </nav>
  );
}
