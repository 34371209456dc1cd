// Completion photos: image files kept in the database's 'photos' GridFS bucket, listed on their job.
import { GridFSBucket, type Db } from 'mongodb';
import { PHOTO_MAX_BYTES } from '../../../../shared/contract';
import type { Appointment } from '../../../../shared/schemas';
import { newId } from '../../../../shared/schemas/ids';
import type { HandlerContext } from '../../context';
import { AppError, NotFoundError } from '../../errors';
import { currentJob, repositories, sessionOf, undo, type JobsDeps } from './common';

export const PHOTO_BUCKET = 'photos';

type ImageType = 'image/jpeg' | 'image/png' | 'image/webp' | 'image/gif' | 'image/heic';

const NAMES: Record<ImageType, string> = {
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
  'image/webp': 'WebP',
  'image/gif': 'GIF',
  'image/heic': 'HEIC',
};

/** Brands of the ISO media file 'ftyp' box that mark a HEIF/HEIC still image. */
const HEIF_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'mif1', 'msf1']);

const ascii = (bytes: Uint8Array, from: number, to: number) =>
  String.fromCharCode(...bytes.subarray(from, to));

/** The image type the file's first bytes (its "magic number") say it is, or null. */
export function sniffImageType(bytes: Uint8Array): ImageType | null {
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (ascii(bytes, 0, 8) === '\x89PNG\r\n\x1a\n') return 'image/png';
  if (['GIF87a', 'GIF89a'].includes(ascii(bytes, 0, 6))) return 'image/gif';
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') return 'image/webp';
  if (ascii(bytes, 4, 8) === 'ftyp' && HEIF_BRANDS.has(ascii(bytes, 8, 12))) return 'image/heic';
  return null;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Rounded up, so a file just over the limit never reads as exactly at it. */
function megabytes(bytes: number): string {
  return `${(Math.ceil((bytes / (1024 * 1024)) * 10) / 10).toFixed(1)} MB`;
}

/** The file's bytes, refused unless they are an image of the declared type and at most 8 MB. */
export function photoBytes(dataBase64: string, contentType: ImageType, fileName: string): Buffer {
  const text = dataBase64.replace(/\s+/g, '');
  if (text.length % 4 === 1 || !BASE64.test(text)) {
    throw new AppError(
      'validation',
      `${fileName} did not arrive as a file (its data is not base64).`,
      {
        field: 'data_base64',
      },
    );
  }
  const bytes = Buffer.from(text, 'base64');
  if (bytes.length === 0) {
    throw new AppError('validation', `${fileName} is empty.`, { field: 'data_base64' });
  }
  if (bytes.length > PHOTO_MAX_BYTES) {
    throw new AppError(
      'validation',
      `${fileName} is ${megabytes(bytes.length)}; a photo may be at most ${PHOTO_MAX_BYTES / (1024 * 1024)} MB.`,
      { field: 'data_base64', bytes: bytes.length },
    );
  }
  const actual = sniffImageType(bytes);
  if (actual !== contentType) {
    throw new AppError(
      'validation',
      actual
        ? `${fileName} is a ${NAMES[actual]} image, not ${NAMES[contentType]} as its type says.`
        : `${fileName} is not a ${NAMES[contentType]} image (its content is not a JPEG, PNG, GIF, WebP or HEIC picture).`,
      { field: 'content_type', detected: actual },
    );
  }
  return bytes;
}

function bucketOf(db: Db): GridFSBucket {
  return new GridFSBucket(db, { bucketName: PHOTO_BUCKET });
}

async function upload(bucket: GridFSBucket, fileName: string, bytes: Buffer, metadata: object) {
  const stream = bucket.openUploadStream(fileName, { metadata });
  await new Promise<void>((resolve, reject) => {
    stream.once('finish', () => resolve());
    stream.once('error', reject);
    stream.end(bytes);
  });
  return stream.id;
}

export async function addPhoto(
  deps: JobsDeps,
  ctx: HandlerContext,
  input: {
    appointment_id: string;
    version: number;
    file_name: string;
    content_type: ImageType;
    data_base64: string;
  },
): Promise<{ appointment: Appointment }> {
  const session = sessionOf(ctx);
  const { appointments } = repositories(deps, ctx);
  const bytes = photoBytes(input.data_base64, input.content_type, input.file_name);
  const job = await currentJob(appointments, input.appointment_id, input.version);

  const photoId = newId('pho');
  const bucket = bucketOf(deps.database.get().db);
  const fileId = await upload(bucket, input.file_name, bytes, {
    business_id: session.business_id,
    appointment_id: job.appointment_id,
    photo_id: photoId,
    content_type: input.content_type,
  });
  try {
    const appointment = await appointments.update(
      job.appointment_id,
      input.version,
      { completion_photos: [...job.completion_photos, photoId] },
      { action: 'photo_added', note: input.file_name },
    );
    return { appointment: appointment as unknown as Appointment };
  } catch (err) {
    // The job changed meanwhile: the photo is not on it, so it must not stay in the bucket.
    await undo(ctx, `the stored photo ${photoId}`, () => bucket.delete(fileId));
    throw err;
  }
}

export async function photo(
  deps: JobsDeps,
  ctx: HandlerContext,
  input: { appointment_id: string; photo_id: string },
): Promise<{ photo_id: string; file_name: string; content_type: string; data_base64: string }> {
  const session = sessionOf(ctx);
  const { appointments } = repositories(deps, ctx);
  const job = (await appointments.get(input.appointment_id)) as unknown as Appointment;
  const missing = () => new NotFoundError(`No photo ${input.photo_id} was found on this job.`);
  if (!job.completion_photos.includes(input.photo_id)) throw missing();

  const bucket = bucketOf(deps.database.get().db);
  const [file] = await bucket
    .find({
      'metadata.business_id': session.business_id,
      'metadata.appointment_id': job.appointment_id,
      'metadata.photo_id': input.photo_id,
    })
    .limit(1)
    .toArray();
  if (!file) throw missing();
  const chunks: Buffer[] = [];
  for await (const chunk of bucket.openDownloadStream(file._id)) chunks.push(chunk as Buffer);
  return {
    photo_id: input.photo_id,
    file_name: file.filename,
    content_type: String(file.metadata?.content_type ?? 'application/octet-stream'),
    data_base64: Buffer.concat(chunks).toString('base64'),
  };
}
