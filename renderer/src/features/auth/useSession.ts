// The signed-in session of this window/tab, from auth.status, refreshed on sign-in and sign-out.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi, useConnectionState, useTransport } from '../../api/context';
import { SESSION_KEY } from './sessionKey';

export { SESSION_KEY };
/** The demo accounts, kept after "Load demo data" so the sign-in form can show them. */
export const DEMO_ACCOUNTS_KEY = ['auth.loadDemo'] as const;

export function useSession() {
  const api = useApi();
  const connection = useConnectionState();
  return useQuery({
    queryKey: SESSION_KEY,
    queryFn: () => api.auth.status(),
    enabled: connection === 'open',
    staleTime: Infinity,
    retry: false,
  });
}

export function useSignIn() {
  const api = useApi();
  const transport = useTransport();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { email: string; password: string }) => api.auth.signIn(input),
    onSuccess: async (signedIn) => {
      transport.setResumeToken(signedIn.resume_token);
      // Everything cached belongs to the previous session (or none).
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== SESSION_KEY[0] });
      await queryClient.invalidateQueries({ queryKey: SESSION_KEY });
    },
  });
}

export function useSignOut() {
  const api = useApi();
  const transport = useTransport();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.auth.signOut(),
    onSuccess: async () => {
      transport.setResumeToken(null);
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== SESSION_KEY[0] });
      await queryClient.invalidateQueries({ queryKey: SESSION_KEY });
    },
  });
}
