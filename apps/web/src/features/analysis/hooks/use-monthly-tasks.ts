import type { CreateMonthlyTask, MonthlyTask, MonthlyTaskList } from '@grid/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../api/api-client';

const KEY = ['analysis', 'monthly-tasks'] as const;

/** The 每月一题 tasks touching the caller's area, each with its before/after measure. */
export function useMonthlyTasks() {
  return useQuery({ queryKey: KEY, queryFn: () => apiRequest<MonthlyTaskList>('/api/analysis/monthly-tasks') });
}

function useTaskMutation<V>(run: (variables: V) => Promise<MonthlyTask>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: run, onSuccess: () => client.invalidateQueries({ queryKey: KEY }) });
}

export const useOpenMonthlyTask = () => useTaskMutation((body: CreateMonthlyTask) => apiRequest<MonthlyTask>('/api/analysis/monthly-tasks', { method: 'POST', body }));

export const useTickMilestone = () =>
  useTaskMutation(({ id, index, done }: { id: string; index: number; done: boolean }) =>
    apiRequest<MonthlyTask>(`/api/analysis/monthly-tasks/${id}/milestones/${index}`, { method: 'POST', body: { done } }),
  );
