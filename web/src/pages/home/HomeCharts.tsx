import { useNavigate } from 'react-router';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { JournalSummary } from '../../api/exchange-journal';
import type { HospitalisationHome } from '../../api/home';
import { formatDate } from '../../format/dates';
import { formatCount } from '../../format/numbers';
import { profileBedsPath } from './home-links';

/**
 * The home page's charts (recharts, loaded with this module only when the home page shows them): free beds by
 * profile, waiting days from referral to admission, daily exchange volume. A chart without data says so — no
 * bars or lines of invented zeros.
 */

const waitingLabels: Record<string, string> = {
  '0': 'в тот же день',
  '1-3': '1–3',
  '4-7': '4–7',
  '8-14': '8–14',
  '15-30': '15–30',
  '31+': 'более 30',
};

const shownProfiles = 12;

/** A profile's name as an axis label: one line, the full name in the tooltip. */
const shortLabel = (name: string) => (name.length > 34 ? `${name.slice(0, 33)}…` : name);

function ChartPanel({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section className="panel home-chart" aria-labelledby={`${id}-heading`} data-testid={id}>
      <h2 id={`${id}-heading`} className="panel-title">
        {title}
      </h2>
      {children}
    </section>
  );
}

function NoData({ children }: { children: React.ReactNode }) {
  return <p className="home-chart-empty">{children}</p>;
}

export function FreeBedsChart({ rows }: { rows: HospitalisationHome['freeBedsByProfile'] }) {
  const navigate = useNavigate();
  const data = rows.slice(0, shownProfiles).map((r) => ({
    ...r,
    label: r.profileName ?? `Профиль ${r.profile}`,
  }));
  // The axis as wide as its longest label (about 7 px a character at 12 px), at most 230 px.
  const axisWidth = Math.min(230, 16 + 7 * Math.max(0, ...data.map((d) => shortLabel(d.label).length)));
  return (
    <ChartPanel id="chart-free-beds" title="Свободные места по профилям">
      {data.length === 0 ? (
        <NoData>Больницы ещё не подали сведений о свободных местах.</NoData>
      ) : (
        <ResponsiveContainer width="100%" height={Math.max(160, data.length * 30 + 40)}>
          <BarChart data={data} layout="vertical" margin={{ left: 8, right: 24 }}>
            <CartesianGrid strokeDasharray="3 3" horizontal={false} />
            <XAxis type="number" allowDecimals={false} />
            <YAxis
              type="category"
              dataKey="label"
              width={axisWidth}
              interval={0}
              tick={{ fontSize: 12, width: 400 }}
              tickFormatter={shortLabel}
            />
            <Tooltip formatter={(value) => [formatCount(Number(value)), 'Свободно']} />
            <Bar
              dataKey="free"
              name="Свободно"
              fill="#2f6fb3"
              isAnimationActive={false}
              cursor="pointer"
              onClick={(entry: { payload?: { profile?: number } }) => {
                const profile = entry.payload?.profile;
                if (profile !== undefined) navigate(profileBedsPath(profile));
              }}
            />
          </BarChart>
        </ResponsiveContainer>
      )}
      {rows.length > shownProfiles && (
        <p className="home-chart-note">
          Показаны {shownProfiles} профилей с наибольшим числом мест из {rows.length}.
        </p>
      )}
    </ChartPanel>
  );
}

export function WaitingDaysChart({ waiting }: { waiting: HospitalisationHome['waitingDays'] }) {
  const data = waiting.bins.map((b) => ({ ...b, label: waitingLabels[b.bin] ?? b.bin }));
  return (
    <ChartPanel
      id="chart-waiting"
      title={`Дни ожидания от направления до госпитализации (за ${waiting.days} дней)`}
    >
      {data.length === 0 ? (
        <NoData>За этот период плановых госпитализаций по направлениям нет.</NoData>
      ) : (
        <ResponsiveContainer width="100%" height={240}>
          <BarChart data={data} margin={{ left: 8, right: 24 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="label" interval={0} tick={{ fontSize: 12 }} />
            <YAxis allowDecimals={false} />
            <Tooltip formatter={(value) => [formatCount(Number(value)), 'Госпитализаций']} />
            <Bar dataKey="stays" name="Госпитализаций" fill="#4a8c5c" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      )}
    </ChartPanel>
  );
}

export function ExchangeVolumeChart({ daily }: { daily: JournalSummary['daily'] }) {
  const any = daily.some((d) => d.packages > 0);
  const data = daily.map((d) => ({ ...d, label: formatDate(d.day).slice(0, 5) }));
  return (
    <ChartPanel id="chart-exchange" title={`Пакеты обмена по дням (за ${daily.length} дней)`}>
      {!any ? (
        <NoData>За этот период пакетов не поступало.</NoData>
      ) : (
        <ResponsiveContainer width="100%" height={240}>
          <LineChart data={data} margin={{ left: 8, right: 24 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="label" tick={{ fontSize: 12 }} />
            <YAxis allowDecimals={false} />
            <Tooltip formatter={(value) => [formatCount(Number(value)), 'Пакетов']} />
            <Line
              type="linear"
              dataKey="packages"
              name="Пакетов"
              stroke="#2f6fb3"
              dot={{ r: 2 }}
              isAnimationActive={false}
            />
          </LineChart>
        </ResponsiveContainer>
      )}
    </ChartPanel>
  );
}

/** The charts a role sees, in one lazily loaded module. */
export default function HomeCharts({
  hospitalisation,
  journal,
}: {
  hospitalisation: HospitalisationHome | undefined;
  journal: JournalSummary | undefined;
}) {
  return (
    <div className="home-charts">
      {hospitalisation && <FreeBedsChart rows={hospitalisation.freeBedsByProfile} />}
      {hospitalisation && <WaitingDaysChart waiting={hospitalisation.waitingDays} />}
      {journal && <ExchangeVolumeChart daily={journal.daily} />}
    </div>
  );
}
