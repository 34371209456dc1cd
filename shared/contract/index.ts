// The contract: every channel declared once. Preload, web host, handlers and the API client derive from it.
import type { z } from 'zod';
import { appChannels } from './channels/app';
import { authChannels } from './channels/auth';
import { recordAreaChannels } from './channels/record-areas';
import { usersChannels } from './channels/users';
import { databaseChannels } from './channels/database';
import { businessChannels } from './channels/business';
import { boardChannels } from './channels/board';
import { jobsChannels } from './channels/jobs';
import { importsChannels } from './channels/imports';
import { geocodingChannels } from './channels/geocoding';
import { maintenanceChannels } from './channels/maintenance';
import { mapChannels } from './channels/map';
import { routesChannels } from './channels/routes';
import { weatherChannels } from './channels/weather';
import { messagingChannels } from './channels/messaging';
import { reportsChannels } from './channels/reports';
import { setupChannels } from './channels/setup';
import { dataChannels } from './channels/data';
import { backupsChannels } from './channels/backups';
import { preferencesChannels } from './channels/preferences';

export const contract = {
  ...appChannels,
  ...authChannels,
  ...recordAreaChannels,
  ...usersChannels,
  ...databaseChannels,
  ...businessChannels,
  ...boardChannels,
  ...jobsChannels,
  ...importsChannels,
  ...geocodingChannels,
  ...maintenanceChannels,
  ...mapChannels,
  ...routesChannels,
  ...weatherChannels,
  ...messagingChannels,
  ...reportsChannels,
  ...setupChannels,
  ...dataChannels,
  ...backupsChannels,
  ...preferencesChannels,
};

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type Input<C extends Channel> = z.input<Contract[C]['input']>;
/** Input after validation and defaults: what a handler receives. */
export type ParsedInput<C extends Channel> = z.output<Contract[C]['input']>;
export type Output<C extends Channel> = z.output<Contract[C]['output']>;

export const channelNames = Object.keys(contract) as Channel[];

export const isChannel = (name: string): name is Channel => Object.hasOwn(contract, name);

type AreaOf<C extends string> = C extends `${infer A}.${string}` ? A : never;
type VerbOf<C extends string, A extends string> = C extends `${A}.${infer V}` ? V : never;
export type Area = AreaOf<Channel>;

type Method<C extends Channel> =
  undefined extends Input<C>
    ? (input?: Input<C>) => Promise<Output<C>>
    : (input: Input<C>) => Promise<Output<C>>;

/** The renderer's typed API: `api.app.health()`; derived from channel names, never written by hand. */
export type Api = {
  [A in Area]: { [V in VerbOf<Channel, A>]: Method<Extract<Channel, `${A}.${V}`>> };
};

export * from './result';
export * from './define';
export * from './events';
export * from './bridge';
export * from './channels/app';
export * from './channels/auth';
export * from './channels/record-areas';
export * from './channels/records';
export * from './channels/users';
export * from './channels/database';
export * from './channels/business';
export * from './channels/board';
export * from './channels/jobs';
export * from './channels/imports';
export * from './channels/geocoding';
export * from './channels/maintenance';
export * from './channels/map';
export * from './channels/routes';
export * from './channels/weather';
export * from './channels/setup';
export * from './channels/data';
export * from './channels/backups';
export * from './channels/preferences';
