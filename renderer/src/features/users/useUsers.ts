// Server state of the Users page: the list (keyed by channel and input) and the three changes,
// each refreshing the list once the core has answered.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Input } from '../../../../shared/contract';
import { useApi } from '../../api/context';

const LIST = 'users.list';

export function useUsers(includeInactive: boolean) {
  const api = useApi();
  return useQuery({
    queryKey: [LIST, { includeInactive }],
    queryFn: () => api.users.list({ includeInactive }),
  });
}

function useUserMutation<I, O>(call: (input: I) => Promise<O>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: call,
    // A refusal (stale version, last owner) may mean the list is out of date too.
    onSettled: () => queryClient.invalidateQueries({ queryKey: [LIST] }),
  });
}

export function useCreateUser() {
  const api = useApi();
  return useUserMutation((input: Input<'users.create'>) => api.users.create(input));
}

export function useUpdateUser() {
  const api = useApi();
  return useUserMutation((input: Input<'users.update'>) => api.users.update(input));
}

export function useResetPassword() {
  const api = useApi();
  return useUserMutation((input: Input<'users.resetPassword'>) => api.users.resetPassword(input));
}
