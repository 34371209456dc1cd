// FullCalendar's classic theme in the app's MUI colours: its palette is CSS variables, pointed here at
// the theme's own variables, so light and dark mode follow the app without a second stylesheet.
import type { Theme } from '@mui/material/styles';

/** The class the calendar root gets (its `class` option), to size its text like the app's. */
export const CALENDAR_CLASS = 'sp-calendar';
/** The class of canceled and rescheduled jobs. */
export const MUTED_EVENT_CLASS = 'sp-event-muted';

export const calendarSx = (theme: Theme) => {
  const v = theme.vars ?? theme;
  return {
    '--fc-classic-background': v.palette.background.paper,
    '--fc-classic-foreground': v.palette.text.primary,
    '--fc-classic-muted-foreground': v.palette.text.secondary,
    '--fc-classic-faint-foreground': v.palette.text.disabled,
    '--fc-classic-border': v.palette.divider,
    '--fc-classic-strong-border': theme.alpha(v.palette.text.primary, 0.3),
    '--fc-classic-faint': v.palette.action.hover,
    '--fc-classic-muted': v.palette.action.selected,
    '--fc-classic-strong': v.palette.action.focus,
    '--fc-classic-primary': v.palette.primary.main,
    '--fc-classic-primary-foreground': v.palette.primary.contrastText,
    '--fc-classic-highlight': theme.alpha(v.palette.primary.main, 0.14),
    '--fc-classic-today': theme.alpha(v.palette.primary.main, 0.07),
    '--fc-classic-now': v.palette.error.main,
    [`& .${CALENDAR_CLASS}`]: {
      fontSize: theme.typography.body2.fontSize,
      lineHeight: 1.4,
      bgcolor: 'background.paper',
      color: 'text.primary',
    },
    [`& .${MUTED_EVENT_CLASS}`]: {
      opacity: 0.55,
      textDecoration: 'line-through',
    },
  };
};
