// staff: crew leads, crew members and managers who do the jobs, with their hours and performance.
import { z } from 'zod';
import {
  documentFields,
  emailSchema,
  geoPointSchema,
  phoneSchema,
  ratingSchema,
  weeklyHoursSchema,
  whenFieldsValid,
} from './common';
import { idOf } from './ids';

export const staffRoleSchema = z.enum(['crew_lead', 'crew_member', 'manager']);
export type StaffRole = z.infer<typeof staffRoleSchema>;

export const availabilityStatusSchema = z.enum(['available', 'busy', 'on_break', 'off_duty']);
export type AvailabilityStatus = z.infer<typeof availabilityStatusSchema>;

export const staffObject = z.strictObject({
  ...documentFields,
  staff_id: idOf('stf'),
  business_id: idOf('bus'),
  first_name: z.string().trim().min(1),
  last_name: z.string().trim().min(1),
  email: emailSchema.nullable().default(null),
  phone: phoneSchema.nullable().default(null),
  role: staffRoleSchema,
  /**
   * The crew lead this person works under (not in the seed): a crew is its lead and the members
   * who name them. Null for crew leads, managers and anyone not in a crew.
   */
  crew_lead_id: idOf('stf').nullable().default(null),
  assigned_equipment_ids: z.array(idOf('eq')).default([]),
  service_certifications: z.array(z.string().min(1)).default([]),
  /** Regular working hours per weekday (local to the business); time off is in `availability`. */
  availability_schedule: weeklyHoursSchema,
  current_availability_status: availabilityStatusSchema.default('available'),
  jobs_assigned_today: z.int().nonnegative().default(0),
  hours_worked_this_week: z.number().nonnegative().default(0),

  total_jobs_completed: z.int().nonnegative().default(0),
  /** Mean actual duration of completed jobs; null before the first one. */
  avg_completion_time_minutes: z.number().nonnegative().nullable().default(null),
  avg_customer_rating: ratingSchema.nullable().default(null),
  /** Share (0–1) of this person's finished jobs that were canceled. */
  cancellation_rate: z.number().min(0).max(1).default(0),

  location_tracking_enabled: z.boolean().default(false),
  /** Last GPS fix, only when tracking is enabled. */
  current_location: geoPointSchema.nullable().default(null),
  /** Where this person starts the day (home base), for routing; optional. */
  location: geoPointSchema.optional(),

  is_active: z.boolean().default(true),
  hire_date: z.date().nullable().default(null),
});

export const staffSchema = staffObject.refine(
  (staff) => staff.location_tracking_enabled || staff.current_location === null,
  {
    error: 'current_location must be null unless location_tracking_enabled',
    path: ['current_location'],
    ...whenFieldsValid,
  },
);
export type Staff = z.infer<typeof staffSchema>;
export type StaffInput = z.input<typeof staffSchema>;
