// The report for a period, through the query cache keyed by its input: a changed period keeps the
// last report on screen (dimmed) until the new one arrives.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { ReportBucket } from '../../../../shared/contract/channels/reports';
import { useApi } from '../../api/context';
import type { Period } from './period';

export interface ReportInput extends Period {
  bucket?: ReportBucket;
}

export function useReport(input: ReportInput, enabled: boolean) {
  const api = useApi();
  const request = { ...input, compare: true };
  return useQuery({
    queryKey: ['reports.get', request],
    queryFn: () => api.reports.get(request),
    enabled,
    placeholderData: keepPreviousData,
    // A report is a look back: the numbers of an hour ago are the same unless jobs are closed now.
    staleTime: 60_000,
  });
}
