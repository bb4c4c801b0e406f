import { QueryClient } from '@tanstack/react-query';

/**
 * The app's one cache of server data (TanStack Query). New screens read and write server data through it;
 * the older hooks (`use-shared-resource`, `use-api-resource`) move onto it as issue 22 says.
 */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: { staleTime: 30_000, retry: 1, refetchOnWindowFocus: false },
  },
});
