// Navigation entries: each page with its icon. A page built by a feature replaces its placeholder in App.
import AssessmentIcon from '@mui/icons-material/Assessment';
import BuildIcon from '@mui/icons-material/Build';
import CalendarMonthIcon from '@mui/icons-material/CalendarMonth';
import CallIcon from '@mui/icons-material/Call';
import DashboardIcon from '@mui/icons-material/ViewWeek';
import EventBusyIcon from '@mui/icons-material/EventBusy';
import GroupsIcon from '@mui/icons-material/Groups';
import HandymanIcon from '@mui/icons-material/Handyman';
import ManageAccountsIcon from '@mui/icons-material/ManageAccounts';
import MapIcon from '@mui/icons-material/Map';
import PeopleIcon from '@mui/icons-material/People';
import SettingsIcon from '@mui/icons-material/Settings';
import SmsIcon from '@mui/icons-material/Sms';
import ThunderstormIcon from '@mui/icons-material/Thunderstorm';
import type { ReactElement } from 'react';
import type { Permission } from '../../../shared/auth/permissions';
import { pages, type PageInfo } from './pages';

export interface PageRoute extends PageInfo {
  icon: ReactElement;
}

const icons: Record<string, ReactElement> = {
  '/board': <DashboardIcon />,
  '/calendar': <CalendarMonthIcon />,
  '/map': <MapIcon />,
  '/weather': <ThunderstormIcon />,
  '/clients': <PeopleIcon />,
  '/staff': <GroupsIcon />,
  '/services': <HandymanIcon />,
  '/equipment': <BuildIcon />,
  '/availability': <EventBusyIcon />,
  '/notifications': <SmsIcon />,
  '/calls': <CallIcon />,
  '/reports': <AssessmentIcon />,
  '/settings': <SettingsIcon />,
  '/users': <ManageAccountsIcon />,
};

export const pageRoutes: PageRoute[] = pages.map((page) => ({
  ...page,
  icon: icons[page.path] ?? <DashboardIcon />,
}));

/** The pages a role may open (the navigation's list); none is known before sign-in. */
export const pagesFor = (permissions: readonly Permission[] | undefined): PageRoute[] =>
  pageRoutes.filter((route) => !route.permission || permissions?.includes(route.permission));
