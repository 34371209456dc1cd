// Settings → Business hours: when the business is open on each weekday (config.business_hours).
// The board shades them, jobs outside them ask for confirmation, and a closed day takes no jobs.
import { useState } from 'react';
import { WEEKDAYS, type Weekday } from '../../../../shared/time';
import { SettingsForm } from './form/SettingsForm';
import { useSettingsSave } from './form/useSettingsSave';
import {
  sameWeek,
  storedWeek,
  weekOf,
  weekProblems,
  WeeklyHoursEditor,
  type WeekHours,
  type WeekProblems,
} from './hours/WeeklyHoursEditor';
import type { SettingsSectionProps } from './SettingsPage';

type Field = `${Weekday}.${'start' | 'end'}`;

/** The core names a refused day's field (`config.business_hours.monday.end`), or the day. */
const SERVER_PATHS = Object.fromEntries(
  WEEKDAYS.flatMap((day) => [
    [`${day}.start`, `config.business_hours.${day}.start`],
    [`${day}.end`, [`config.business_hours.${day}.end`, `config.business_hours.${day}`]],
  ]),
) as Record<Field, string | string[]>;

export function HoursSettings({ business, canEdit }: SettingsSectionProps) {
  const stored = weekOf(business.config.business_hours);
  const [edited, setEdited] = useState<WeekHours | null>(null);
  /** Days whose problems show: a time left once, or all after Save. */
  const [touched, setTouched] = useState<ReadonlySet<Weekday>>(() => new Set());
  const clear = () => {
    setEdited(null);
    setTouched(new Set());
  };
  const saver = useSettingsSave(business, SERVER_PATHS, clear);

  const week = edited ?? stored;
  const problems = weekProblems(week);
  const shown: WeekProblems = {};
  for (const day of WEEKDAYS) {
    const server = {
      start: saver.serverErrors[`${day}.start`],
      end: saver.serverErrors[`${day}.end`],
    };
    const local = touched.has(day) ? problems[day] : undefined;
    if (server.start || server.end || local) {
      shown[day] = { start: server.start ?? local?.start, end: server.end ?? local?.end };
    }
  }
  const changed = !sameWeek(week, stored);

  return (
    <SettingsForm
      label="Business hours"
      canEdit={canEdit}
      saver={saver}
      dirty={changed}
      savedText="Saved. The board shows these hours and new jobs are checked against them."
      onSubmit={() => {
        setTouched(new Set(WEEKDAYS));
        if (Object.keys(problems).length === 0 && changed) {
          saver.save.mutate({ config: { business_hours: storedWeek(week) } });
        }
      }}
      onCancel={() => {
        clear();
        saver.reset();
      }}
    >
      <WeeklyHoursEditor
        week={week}
        problems={shown}
        disabled={!canEdit}
        onChange={(next) => {
          const days = WEEKDAYS.filter((d) => next[d] !== week[d]);
          setEdited(next);
          saver.edited(...days.flatMap((d): Field[] => [`${d}.start`, `${d}.end`]));
          // Days filled in by "Copy Monday" show their problems at once.
          if (days.length > 1) setTouched(new Set([...touched, ...days]));
        }}
        onBlur={(day) => {
          if (canEdit && !touched.has(day)) setTouched(new Set([...touched, day]));
        }}
      />
    </SettingsForm>
  );
}
