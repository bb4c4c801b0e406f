import type { CaseSummary, CategoryDto, LatLng } from '@grid/contracts';
import { distanceMeters } from '@grid/geo';
import { useMemo } from 'react';
import { useCategories } from '../../../cases/use-reference-data';

const RECENT_KEY = 'grid.recentCategories.';
const RECENT_MAX = 6;
const NEARBY_METRES = 1000;
const CHOICES = 8;

function recentOf(userId: string): string[] {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(RECENT_KEY + userId) ?? '[]');
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

export function rememberCategory(userId: string, code: string): void {
  try {
    localStorage.setItem(RECENT_KEY + userId, JSON.stringify([code, ...recentOf(userId).filter((c) => c !== code)].slice(0, RECENT_MAX)));
  } catch {
    // Full storage: no recent list, nothing else lost.
  }
}

export interface CategoryChoice {
  category: CategoryDto;
  why: 'recent' | 'nearby' | 'common';
}

/**
 * The categories to offer as one-tap chips: the ones this worker used lately, then those of open cases
 * near where they stand, then the grid-level ones of the responsibility list (小事不出村).
 */
export function useCategoryChoices(userId: string, at: LatLng | null, openNearby: readonly CaseSummary[]): CategoryChoice[] {
  const categories = useCategories();
  return useMemo(() => {
    const choices: CategoryChoice[] = [];
    const add = (code: string, why: CategoryChoice['why']) => {
      const category = categories.byCode.get(code);
      if (category && category.parentCode && !choices.some((c) => c.category.code === code)) choices.push({ category, why });
    };
    recentOf(userId).forEach((code) => add(code, 'recent'));
    if (at) {
      const counts = new Map<string, number>();
      for (const c of openNearby) if (distanceMeters(at, c.location) <= NEARBY_METRES) counts.set(c.categoryCode, (counts.get(c.categoryCode) ?? 0) + 1);
      [...counts.entries()].sort((a, b) => b[1] - a[1]).forEach(([code]) => add(code, 'nearby'));
    }
    categories.leaves.filter((c) => c.handlingLevel === 'grid').forEach((c) => add(c.code, 'common'));
    return choices.slice(0, CHOICES);
  }, [categories, userId, at, openNearby]);
}
