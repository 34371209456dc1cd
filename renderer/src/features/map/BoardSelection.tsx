// The board's side of the board/map selection: outlines the selected job's cards, focuses the
// job named by `?job=` once its card is drawn, and records the card the dispatcher focuses.
// Rendered once by BoardPage; it touches the cards only through the DOM, so the lanes never
// re-render for it.
import { GlobalStyles } from '@mui/material';
import { useEffect } from 'react';
import { useSearchParams } from 'react-router-dom';
import { boardJobSelector, JOB_PARAM, selectJob, useSelectedJob } from './selection';

/** How long to wait for the named job's card (the day loading) before giving up on focusing it. */
const FIND_CARD_MS = 10_000;

export function BoardSelection({ date }: { date: string }) {
  const [params] = useSearchParams();
  const named = params.get(JOB_PARAM);
  const selected = useSelectedJob();

  useEffect(() => {
    if (!named) return;
    selectJob({ appointmentId: named, date });
    const focusCard = () => {
      const card = document.querySelector<HTMLElement>(boardJobSelector(named));
      if (!card) return false;
      card.scrollIntoView({ block: 'center', inline: 'center' });
      card.focus({ preventScroll: true });
      return true;
    };
    if (focusCard()) return;
    const observer = new MutationObserver(() => {
      if (focusCard()) observer.disconnect();
    });
    observer.observe(document.body, { childList: true, subtree: true });
    const timer = setTimeout(() => observer.disconnect(), FIND_CARD_MS);
    return () => {
      observer.disconnect();
      clearTimeout(timer);
    };
  }, [named, date]);

  useEffect(() => {
    const onFocus = (e: FocusEvent) => {
      const card = e.target instanceof Element ? e.target.closest('[data-appointment-id]') : null;
      const id = card?.getAttribute('data-appointment-id');
      if (id) selectJob({ appointmentId: id, date });
    };
    document.addEventListener('focusin', onFocus);
    return () => document.removeEventListener('focusin', onFocus);
  }, [date]);

  if (!selected) return null;
  return (
    <GlobalStyles
      styles={(theme) => ({
        [boardJobSelector(selected.appointmentId)]: {
          outline: `3px solid ${theme.palette.secondary.main}`,
          outlineOffset: 1,
        },
      })}
    />
  );
}
