import { Link } from 'react-router';
import { PageHeader } from '../components/PageHeader';

export function NotFoundPage() {
  return (
    <>
      <PageHeader title="Страница не найдена" />
      <div className="notice">
        <p>
          По этому адресу ничего нет, или раздел недоступен для вашей роли. Выберите раздел в меню слева или
          вернитесь <Link to="/">на главную страницу</Link>.
        </p>
      </div>
    </>
  );
}
