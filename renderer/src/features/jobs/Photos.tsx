// Completion photos: picking image files from disk (read as base64 with progress, checked for type
// and size before anything is sent), uploading them one by one to jobs.addPhoto, and thumbnails.
import BrokenImageIcon from '@mui/icons-material/BrokenImage';
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import CloseIcon from '@mui/icons-material/Close';
import {
  Box,
  CircularProgress,
  FormHelperText,
  FormLabel,
  IconButton,
  LinearProgress,
  List,
  ListItem,
  ListItemText,
  Stack,
  Typography,
} from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useCallback, useId, useState } from 'react';
import { PHOTO_MAX_BYTES, photoContentTypeSchema, type Api } from '../../../../shared/contract';
import { useApi } from '../../api/context';
import { readError, type Job } from './jobModel';

type ContentType = (typeof photoContentTypeSchema.options)[number];

export interface PhotoFile {
  key: string;
  name: string;
  size: number;
  type: string;
  status: 'reading' | 'ready' | 'uploading' | 'done' | 'error';
  /** Share of the file read, 0–1. */
  progress: number;
  error?: string;
  data?: string;
}

/** Rounded up, so a file just over the limit never reads as exactly at it. */
const megabytes = (bytes: number) =>
  `${(Math.ceil((bytes / 1024 / 1024) * 10) / 10).toFixed(1)} MB`;

function problemOf(file: File): string | null {
  if (!photoContentTypeSchema.options.includes(file.type as ContentType)) {
    return `Not a photo this app can keep (${file.type || 'unknown type'}): use JPEG, PNG, WebP, GIF or HEIC.`;
  }
  if (file.size > PHOTO_MAX_BYTES) {
    return `Too large: ${megabytes(file.size)}; a photo may be at most ${PHOTO_MAX_BYTES / 1024 / 1024} MB.`;
  }
  if (file.size === 0) return 'The file is empty.';
  return null;
}

let nextKey = 0;

/** The chosen files and what happened to each; `upload` sends the ready ones to a job. */
export function usePhotoFiles() {
  const api = useApi();
  const [files, setFiles] = useState<PhotoFile[]>([]);
  const patch = useCallback(
    (key: string, change: Partial<PhotoFile>) =>
      setFiles((all) => all.map((f) => (f.key === key ? { ...f, ...change } : f))),
    [],
  );

  const add = (list: FileList | null) => {
    for (const file of Array.from(list ?? [])) {
      const key = `photo-${nextKey++}`;
      const problem = problemOf(file);
      setFiles((all) => [
        ...all,
        {
          key,
          name: file.name,
          size: file.size,
          type: file.type,
          status: problem ? 'error' : 'reading',
          progress: 0,
          ...(problem ? { error: problem } : {}),
        },
      ]);
      if (problem) continue;
      const reader = new FileReader();
      reader.onprogress = (e) => {
        if (e.lengthComputable) patch(key, { progress: e.loaded / e.total });
      };
      reader.onerror = () =>
        patch(key, { status: 'error', error: `Could not be read: ${reader.error?.message ?? ''}` });
      reader.onload = () => {
        const url = String(reader.result);
        patch(key, { status: 'ready', progress: 1, data: url.slice(url.indexOf(',') + 1) });
      };
      reader.readAsDataURL(file);
    }
  };

  /** Uploads every ready (or previously failed to upload) file in turn; returns the job as it ends up. */
  const upload = async (job: Job): Promise<{ job: Job; failed: number; sent: number }> => {
    let current = job;
    let failed = 0;
    let sent = 0;
    for (const file of files) {
      // Files refused when picked (too large, not an image) already say so beside their name.
      if (file.status !== 'ready' || !file.data) continue;
      patch(file.key, { status: 'uploading', error: undefined });
      try {
        const { appointment } = await api.jobs.addPhoto({
          appointment_id: current.appointment_id,
          version: current.version,
          file_name: file.name,
          content_type: file.type as ContentType,
          data_base64: file.data,
        });
        current = appointment;
        sent++;
        patch(file.key, { status: 'done' });
      } catch (error) {
        failed++;
        const read = readError(error, () => 'photo');
        // Keep the bytes: "Try again" sends the file once more.
        patch(file.key, {
          status: 'ready',
          error: `Not saved: ${read.fields.photo ?? read.message ?? 'refused'}`,
        });
      }
    }
    return { job: current, failed, sent };
  };

  return {
    files,
    add,
    remove: (key: string) => setFiles((all) => all.filter((f) => f.key !== key)),
    upload,
    reading: files.some((f) => f.status === 'reading'),
    pending: files.filter((f) => f.status === 'ready').length,
  };
}

export function PhotoFilesField({
  photos,
  disabled,
}: {
  photos: ReturnType<typeof usePhotoFiles>;
  disabled?: boolean;
}) {
  const id = useId();
  return (
    <Box>
      <FormLabel htmlFor={id}>Photos</FormLabel>
      <Box sx={{ mt: 0.5 }}>
        <input
          id={id}
          type="file"
          accept="image/*"
          multiple
          disabled={disabled}
          data-testid="photo-input"
          aria-describedby={`${id}-help`}
          onChange={(e) => {
            photos.add(e.target.files);
            // The same file can be picked again after it was removed.
            e.target.value = '';
          }}
        />
      </Box>
      <FormHelperText id={`${id}-help`}>
        JPEG, PNG, WebP, GIF or HEIC, up to {PHOTO_MAX_BYTES / 1024 / 1024} MB each.
      </FormHelperText>
      {photos.files.length > 0 && (
        <List dense aria-label="Chosen photos" data-testid="photo-files">
          {photos.files.map((f) => (
            <ListItem
              key={f.key}
              data-testid="photo-file"
              data-status={f.status}
              secondaryAction={
                f.status === 'done' ? (
                  <CheckCircleIcon color="success" aria-label="Saved" />
                ) : f.status === 'uploading' ? (
                  <CircularProgress size={18} aria-label="Uploading" />
                ) : (
                  <IconButton
                    edge="end"
                    aria-label={`Remove ${f.name}`}
                    onClick={() => photos.remove(f.key)}
                    disabled={disabled}
                  >
                    <CloseIcon />
                  </IconButton>
                )
              }
            >
              <ListItemText
                primary={`${f.name} (${megabytes(f.size)})`}
                secondary={
                  <Stack component="span" spacing={0.5}>
                    {f.status === 'reading' && (
                      <LinearProgress
                        variant="determinate"
                        value={f.progress * 100}
                        aria-label={`Reading ${f.name}`}
                      />
                    )}
                    {f.status === 'uploading' && (
                      <LinearProgress aria-label={`Uploading ${f.name}`} />
                    )}
                    {f.error ? (
                      <Typography
                        component="span"
                        variant="caption"
                        color="error"
                        data-testid="photo-error"
                      >
                        {f.error}
                      </Typography>
                    ) : (
                      <Typography component="span" variant="caption">
                        {
                          {
                            reading: `Reading… ${Math.round(f.progress * 100)}%`,
                            ready: 'Ready to upload',
                            uploading: 'Uploading…',
                            done: 'Saved',
                            error: '',
                          }[f.status]
                        }
                      </Typography>
                    )}
                  </Stack>
                }
              />
            </ListItem>
          ))}
        </List>
      )}
    </Box>
  );
}

function Thumbnail({ api, job, photoId }: { api: Api; job: Job; photoId: string }) {
  const input = { appointment_id: job.appointment_id, photo_id: photoId };
  const photo = useQuery({
    queryKey: ['jobs.photo', input],
    queryFn: () => api.jobs.photo(input),
    staleTime: Infinity,
  });
  const box = {
    width: 96,
    height: 96,
    borderRadius: 1,
    border: 1,
    borderColor: 'divider',
    display: 'grid',
    placeItems: 'center',
    overflow: 'hidden',
  } as const;
  if (photo.isPending) {
    return (
      <Box sx={box}>
        <CircularProgress size={20} aria-label="Loading photo" />
      </Box>
    );
  }
  if (photo.isError) {
    return (
      <Box sx={box} title={`The photo could not be loaded: ${photo.error.message}`}>
        <BrokenImageIcon color="disabled" aria-label="Photo could not be loaded" />
      </Box>
    );
  }
  const src = `data:${photo.data.content_type};base64,${photo.data.data_base64}`;
  return (
    <Box
      component="a"
      href={src}
      download={photo.data.file_name}
      sx={box}
      title={photo.data.file_name}
    >
      <Box
        component="img"
        src={src}
        alt={photo.data.file_name}
        data-testid="job-photo"
        sx={{ width: '100%', height: '100%', objectFit: 'cover' }}
      />
    </Box>
  );
}

export function PhotoThumbnails({ job }: { job: Job }) {
  const api = useApi();
  if (job.completion_photos.length === 0) return null;
  return (
    <Stack
      direction="row"
      spacing={1}
      useFlexGap
      sx={{ flexWrap: 'wrap' }}
      data-testid="job-photos"
    >
      {job.completion_photos.map((id) => (
        <Thumbnail key={id} api={api} job={job} photoId={id} />
      ))}
    </Stack>
  );
}
