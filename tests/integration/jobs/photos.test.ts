import { beforeAll, describe, expect, it } from 'vitest';
import { demoWorld } from '../../support/demo';
import {
  client,
  refusal,
  serviceNamed,
  type Created,
  type Job,
  type ServiceRow,
  type Tab,
} from './support';

const world = demoWorld('jobs_photos');
let lawn: Tab;
let mow: ServiceRow;

/** A real 1×1 PNG. */
const PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

beforeAll(async () => {
  lawn = await world.signedIn('dispatch@southern-lawn.example');
  mow = await serviceNamed(lawn, 'Mow & Blow');
});

async function book(): Promise<Job> {
  const customer = await client(lawn, 0);
  const { appointments } = await lawn.value<Created>('jobs.create', {
    client_id: customer.client_id,
    service_id: mow.service_id,
    scheduled_date: '2026-05-05',
    start: '09:00',
  });
  return appointments[0] as Job;
}

const storedFiles = () => world.db.collection('photos.files').countDocuments();

describe('jobs.addPhoto and jobs.photo', () => {
  it('attaches a photo to a job and gives it back to anyone at the business', async () => {
    const job = await book();
    const { appointment } = await lawn.value<{ appointment: Job }>('jobs.addPhoto', {
      appointment_id: job.appointment_id,
      version: job.version,
      file_name: 'front-lawn.png',
      content_type: 'image/png',
      data_base64: PNG,
    });
    expect(appointment.version).toBe(job.version + 1);
    expect(appointment.completion_photos).toEqual([expect.stringMatching(/^pho_/)]);
    expect(appointment.audit_log.at(-1)).toMatchObject({
      action: 'photo_added',
      note: 'front-lawn.png',
    });
    const photoId = appointment.completion_photos[0];

    const owner = await world.signedIn('owner@southern-lawn.example');
    const photo = await owner.value('jobs.photo', {
      appointment_id: job.appointment_id,
      photo_id: photoId,
    });
    expect(photo).toEqual({
      photo_id: photoId,
      file_name: 'front-lawn.png',
      content_type: 'image/png',
      data_base64: PNG,
    });
    expect(
      await world.db.collection('photos.files').findOne({ 'metadata.photo_id': photoId }),
    ).toMatchObject({
      filename: 'front-lawn.png',
      metadata: {
        business_id: (await lawn.value<{ business_id: string }>('business.get')).business_id,
        appointment_id: job.appointment_id,
        photo_id: photoId,
        content_type: 'image/png',
      },
    });
  });

  it('keeps a larger photo intact across several stored chunks', async () => {
    const job = await book();
    const bytes = Buffer.alloc(700_000);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 31) % 251;
    Buffer.from([0xff, 0xd8, 0xff, 0xe0]).copy(bytes);
    const data = bytes.toString('base64');
    const { appointment } = await lawn.value<{ appointment: Job }>('jobs.addPhoto', {
      appointment_id: job.appointment_id,
      version: job.version,
      file_name: 'hedge.jpg',
      content_type: 'image/jpeg',
      data_base64: data,
    });
    const photo = await lawn.value<{ data_base64: string }>('jobs.photo', {
      appointment_id: job.appointment_id,
      photo_id: appointment.completion_photos[0],
    });
    expect(photo.data_base64).toBe(data);
  });

  it('refuses a file whose content is not the declared kind of image, and stores nothing', async () => {
    const job = await book();
    const before = await storedFiles();
    const disguised = await refusal(lawn, 'jobs.addPhoto', {
      appointment_id: job.appointment_id,
      version: job.version,
      file_name: 'lawn.jpg',
      content_type: 'image/jpeg',
      data_base64: PNG,
    });
    expect(disguised).toMatchObject({
      kind: 'validation',
      message: 'lawn.jpg is a PNG image, not JPEG as its type says.',
    });
    const notImage = await refusal(lawn, 'jobs.addPhoto', {
      appointment_id: job.appointment_id,
      version: job.version,
      file_name: 'invoice.png',
      content_type: 'image/png',
      data_base64: Buffer.from('%PDF-1.7 not a picture').toString('base64'),
    });
    expect(notImage.message).toMatch(/^invoice\.png is not a PNG image/);
    expect(await storedFiles()).toBe(before);
    expect((await lawn.value<Job>('appointments.get', { id: job.appointment_id })).version).toBe(1);
  });

  it('refuses a photo over 8 MB', async () => {
    const job = await book();
    const bytes = Buffer.alloc(8 * 1024 * 1024 + 1);
    Buffer.from([0xff, 0xd8, 0xff, 0xe0]).copy(bytes);
    const error = await refusal(lawn, 'jobs.addPhoto', {
      appointment_id: job.appointment_id,
      version: job.version,
      file_name: 'huge.jpg',
      content_type: 'image/jpeg',
      data_base64: bytes.toString('base64'),
    });
    expect(error).toMatchObject({
      kind: 'validation',
      message: 'huge.jpg is 8.1 MB; a photo may be at most 8 MB.',
    });
  });

  it('refuses a photo added on an old version of the job, and keeps no file of it', async () => {
    const job = await book();
    await lawn.value('appointments.update', {
      id: job.appointment_id,
      version: job.version,
      changes: { notes: 'Gate code 1234' },
    });
    const before = await storedFiles();
    const error = await refusal(lawn, 'jobs.addPhoto', {
      appointment_id: job.appointment_id,
      version: job.version,
      file_name: 'late.png',
      content_type: 'image/png',
      data_base64: PNG,
    });
    expect(error).toMatchObject({ kind: 'conflict', details: { current_version: 2 } });
    expect(await storedFiles()).toBe(before);
  });

  it('shows a photo only on its own job and only to its own business', async () => {
    const job = await book();
    const other = await book();
    const { appointment } = await lawn.value<{ appointment: Job }>('jobs.addPhoto', {
      appointment_id: job.appointment_id,
      version: job.version,
      file_name: 'mine.png',
      content_type: 'image/png',
      data_base64: PNG,
    });
    const photoId = appointment.completion_photos[0];

    const hvac = await world.signedIn('owner@front-range-hvac.example');
    const foreign = await refusal(hvac, 'jobs.photo', {
      appointment_id: job.appointment_id,
      photo_id: photoId,
    });
    expect(foreign).toMatchObject({ kind: 'not_found' });

    const elsewhere = await refusal(lawn, 'jobs.photo', {
      appointment_id: other.appointment_id,
      photo_id: photoId,
    });
    expect(elsewhere).toMatchObject({
      kind: 'not_found',
      message: `No photo ${photoId} was found on this job.`,
    });
  });
});
