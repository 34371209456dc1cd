// app.*: what the app is and whether it is healthy.
import { z } from 'zod';
import { channel } from '../define';

/** Input schema for channels that take nothing: `{}` or no argument at all. */
export const noInput = z.object({}).strict().optional();

export const healthStatus = z.enum(['ok', 'degraded', 'down']);
export type HealthStatus = z.infer<typeof healthStatus>;

export const healthCheckSchema = z.object({
  name: z.string(),
  status: healthStatus,
  /** Plain words for the dispatcher: what is wrong and what to do. */
  message: z.string(),
});
export type HealthCheck = z.infer<typeof healthCheckSchema>;

export const appChannels = {
  'app.info': channel({
    summary: 'Name, version and how this copy of the app is running.',
    access: 'public',
    input: noInput,
    output: z.object({
      name: z.string(),
      version: z.string(),
      mode: z.enum(['desktop', 'browser']),
      platform: z.string(),
      startedAt: z.iso.datetime(),
    }),
  }),
  'app.health': channel({
    summary: 'The state of each part the app depends on, worst first.',
    access: 'public',
    input: noInput,
    output: z.object({
      status: healthStatus,
      checkedAt: z.iso.datetime(),
      uptimeSeconds: z.number().nonnegative(),
      checks: z.array(healthCheckSchema),
    }),
  }),
};
