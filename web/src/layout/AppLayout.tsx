import { Outlet } from 'react-router';
import { SideNav } from './SideNav';
import { TopBar } from './TopBar';

/** The frame of every signed-in page: top bar, left navigation, the page itself. */
export function AppLayout() {
  return (
    <div className="app">
      <a className="skip-link" href="#content">
        Перейти к содержимому
      </a>
      <TopBar />
      <div className="app-body">
        <SideNav />
        <main className="content" id="content" tabIndex={-1}>
          <Outlet />
        </main>
      </div>
    </div>
  );
}
