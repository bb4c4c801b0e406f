import type { Page } from 'playwright-core';
import { TINY_PNG } from './api';

/** Photo (the camera input), a category chip, an optional description, report: the phone's way. */
export async function reportWithPhoto(page: Page, description: string): Promise<void> {
  await page.getByTestId('report-camera').setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: TINY_PNG });
  await page.getByTestId('report-sheet').waitFor();
  await page.getByTestId('category-chip').first().click();
  // A category with questions of its own (a pothole's size): the first choice of each list.
  for (const list of await page.locator('[data-testid=extra-fields] select').all()) await list.selectOption({ index: 1 });
  await page.locator('[data-testid=report-sheet] textarea').first().fill(description);
  // GPS gives the position: the button is ready once it has one.
  await page.locator('[data-testid=report-submit]:not([disabled])').click();
}
