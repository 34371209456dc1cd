// Moving a job from the board: the core decides; a warning asks the dispatcher, a refusal says why.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError, type Input } from '../../../../shared/contract';
import { useApi } from '../../api/context';

export type MoveInput = Input<'board.move'>;

export function useMoveJob() {
  const api = useApi();
  const queryClient = useQueryClient();
  /** A move the core warned about, waiting for "Move anyway". */
  const [pending, setPending] = useState<{ input: MoveInput; message: string } | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);

  const mutation = useMutation({
    mutationFn: (input: MoveInput) => api.board.move(input),
    onError: (error, input) => {
      const details =
        error instanceof ApiError ? (error.details as { overridable?: boolean }) : undefined;
      if (error instanceof ApiError && error.kind === 'conflict' && details?.overridable) {
        setPending({ input, message: error.message });
      } else {
        setRefusal(error.message);
      }
    },
    // Success or not, show the truth: another dispatcher may have changed the day meanwhile.
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['board.day'] }),
  });

  return {
    move: (input: MoveInput) => {
      setRefusal(null);
      mutation.mutate(input);
    },
    pending,
    confirm: () => {
      if (pending) mutation.mutate({ ...pending.input, override_warnings: true });
      setPending(null);
    },
    cancel: () => setPending(null),
    refusal,
    dismissRefusal: () => setRefusal(null),
    busy: mutation.isPending,
  };
}
