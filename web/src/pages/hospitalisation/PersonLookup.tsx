import { type KeyboardEvent, useEffect, useId, useState } from 'react';
import { describeError } from '../../api/api-error';
import {
  type AffiliationAnswer,
  fetchPerson,
  fetchPersons,
  type PersonListItem,
  queryAffiliation,
} from '../../api/persons';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { formatDate } from '../../format/dates';
import { fullName } from '../person/person-format';

interface PersonLookupProps {
  /** The person found and identified in the region's register, or null while there is none. */
  onFound: (answer: AffiliationAnswer | null) => void;
  /** A person chosen elsewhere (the person card's «Направить на госпитализацию»): taken at once. */
  initialPersonId?: string | undefined;
  /** The server's word on the patient (from the form's FLK). */
  error?: string | undefined;
}

type Candidate = Pick<PersonListItem, 'enp' | 'fam' | 'im' | 'ot' | 'birthDate'> &
  Partial<Pick<PersonListItem, 'id' | 'smoShortName' | 'moShortName'>>;

const suggestDelayMs = 300;
const suggestionCount = 8;
const enpShape = /^\d{16}$/;

/** «Иванов Иван Иванович, 01.02.1980». */
const personLine = (p: Candidate) => `${fullName(p)}, ${formatDate(p.birthDate)}`;

/**
 * Finds the patient as a registrar knows them — the beginning of the surname (and name), a birth date, an ЕНП, a
 * СНИЛС or a policy number — with suggestions from the register as one types; the person chosen is confirmed by
 * the insurance-affiliation query, which shows their policy and attachment. A 16-digit ЕНП of a person outside
 * the МО's own patients is looked up directly.
 */
export function PersonLookup({ onFound, initialPersonId, error: fieldError }: PersonLookupProps) {
  const listId = useId();
  const [text, setText] = useState('');
  const [chosenText, setChosenText] = useState<string | null>(null);
  const [suggestions, setSuggestions] = useState<PersonListItem[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [answer, setAnswer] = useState<AffiliationAnswer | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const query = text.trim();

  useEffect(() => {
    if (query.length < 2 || query === chosenText) {
      setSuggestions([]);
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      fetchPersons({ q: query, page: 1, pageSize: suggestionCount, sort: 'fam' }, controller.signal).then(
        (page) => {
          setSuggestions(page.items);
          setActive(page.items.length > 0 ? 0 : -1);
          setOpen(true);
        },
        () => {
          if (!controller.signal.aborted) setSuggestions([]);
        },
      );
    }, suggestDelayMs);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [query, chosenText]);

  async function choose(candidate: Candidate | { enp: string }) {
    setOpen(false);
    setSuggestions([]);
    if ('fam' in candidate) {
      const line = personLine(candidate);
      setText(line);
      setChosenText(line);
    }
    setBusy(true);
    setError(null);
    setAnswer(null);
    onFound(null);
    try {
      const found = await queryAffiliation({ enp: candidate.enp });
      setAnswer(found);
      onFound(found.outcome === 'identified' ? found : null);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  // biome-ignore lint/correctness/useExhaustiveDependencies: taken once, when the page opens for a person.
  useEffect(() => {
    if (!initialPersonId) return;
    const controller = new AbortController();
    fetchPerson(initialPersonId, controller.signal).then(
      (card) => void choose(card.person),
      (e: unknown) => {
        if (!controller.signal.aborted) setError(e);
      },
    );
    return () => controller.abort();
  }, [initialPersonId]);

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'ArrowDown' && suggestions.length > 0) {
      event.preventDefault();
      setOpen(true);
      setActive((i) => (i + 1) % suggestions.length);
    } else if (event.key === 'ArrowUp' && suggestions.length > 0) {
      event.preventDefault();
      setActive((i) => (i <= 0 ? suggestions.length - 1 : i - 1));
    } else if (event.key === 'Escape') {
      setOpen(false);
    } else if (event.key === 'Enter') {
      // Enter picks the person (never submits the referral form half-filled).
      event.preventDefault();
      const picked = open ? suggestions[active] : undefined;
      if (picked) void choose(picked);
      else if (enpShape.test(query)) void choose({ enp: query });
    }
  }

  const showList = open && query !== chosenText && query.length >= 2;
  const optionId = (i: number) => `${listId}-option-${i}`;
  return (
    <fieldset className="form-fieldset hosp-person" data-testid="person-lookup">
      <legend className="field-label">Пациент</legend>
      <div className="hosp-inline hosp-person-search">
        <Field
          name="patient"
          label="Поиск пациента"
          hint="Фамилия и имя, дата рождения (ДД.ММ.ГГГГ), ЕНП, СНИЛС или номер полиса"
          placeholder="Например: Иванов Иван 01.02.1980"
          autoComplete="off"
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={showList}
          aria-controls={listId}
          aria-activedescendant={showList && active >= 0 ? optionId(active) : undefined}
          value={text}
          error={fieldError}
          onChange={(e) => {
            setText(e.target.value);
            setChosenText(null);
            setOpen(true);
          }}
          onKeyDown={onKeyDown}
          onBlur={() => setOpen(false)}
        />
        {enpShape.test(query) && (
          <button
            type="button"
            className="button button-secondary"
            disabled={busy}
            onClick={() => void choose({ enp: query })}
          >
            Найти по ЕНП
          </button>
        )}
      </div>
      {showList && (
        <div className="hosp-suggestions" id={listId} role="listbox" aria-label="Найденные пациенты">
          {suggestions.length === 0 ? (
            <p className="muted">
              {enpShape.test(query)
                ? 'Среди ваших пациентов не найден: нажмите «Найти по ЕНП».'
                : 'Никого не найдено. Уточните фамилию или введите ЕНП.'}
            </p>
          ) : (
            suggestions.map((p, i) => (
              <div
                key={p.id}
                id={optionId(i)}
                role="option"
                tabIndex={-1}
                aria-selected={i === active}
                className={i === active ? 'hosp-suggestion hosp-suggestion-active' : 'hosp-suggestion'}
                onMouseDown={(e) => {
                  // Keep the focus in the field until the person is taken.
                  e.preventDefault();
                  void choose(p);
                }}
                onMouseEnter={() => setActive(i)}
              >
                <strong>{personLine(p)}</strong>
                <span className="muted">
                  {' '}
                  ЕНП {p.enp}
                  {p.smoShortName ? `, ${p.smoShortName}` : ''}
                </span>
              </div>
            ))
          )}
        </div>
      )}
      {busy && <p className="muted">Проверка полиса…</p>}
      <FormError message={error ? describeError(error) : null} />
      {answer && (
        <div className="notice" role="status" data-testid="person-found">
          <p>
            <strong>{answer.message}</strong>
          </p>
          {answer.person && (
            <p>
              {fullName(answer.person)}, {formatDate(answer.person.birthDate)}, ЕНП {answer.person.enp}
            </p>
          )}
          {answer.policy && (
            <p>
              СМО {answer.policy.smoName ?? ''} ({answer.policy.smoCode}), полис {answer.policy.number}
            </p>
          )}
          {answer.attachment && (
            <p>
              Прикреплён к {answer.attachment.moName ?? ''} ({answer.attachment.moCode})
            </p>
          )}
        </div>
      )}
    </fieldset>
  );
}
