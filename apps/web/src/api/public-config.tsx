import type { AreaLevel, PublicConfig } from '@grid/contracts';
import { createContext, type ReactNode, useContext } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../i18n';
import { useApiResource } from './use-api-resource';

/** What the app knows of GET /api/config; null until it answered (or when it could not). */
const PublicConfigContext = createContext<PublicConfig | null>(null);

export function PublicConfigProvider({ children }: { children: ReactNode }) {
  const config = useApiResource<PublicConfig>('/api/config', { authenticated: false });
  return <PublicConfigContext.Provider value={config.state === 'ready' ? config.data : null}>{children}</PublicConfigContext.Provider>;
}

export function usePublicConfig(): PublicConfig | null {
  return useContext(PublicConfigContext);
}

/**
 * The base-map tile URL template: the server's setting (TILE_URL of the API) first, then the build's
 * VITE_TILE_URL; none by default, as the map is complete with our own boundaries.
 */
export function useTileUrl(): string | null {
  const config = usePublicConfig();
  return config?.tileUrl || import.meta.env.VITE_TILE_URL || null;
}

/** The installation's name for a level (片区 or 镇/街道…), falling back to the built-in words. */
export function useLevelLabel(): (level: AreaLevel) => string {
  const config = usePublicConfig();
  const { t } = useTranslation();
  return (level) => config?.levelLabels[level]?.[currentLanguage()] ?? t(`level.${level}`);
}
