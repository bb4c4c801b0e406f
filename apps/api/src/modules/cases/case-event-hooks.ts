import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CaseEntity } from './case.entity';
import type { StoredEvent } from './case-store';

/** A feature that must write something in the same transaction as a case's events (the hotline's outbox). */
export interface CaseEventHook {
  /** Runs inside the action's transaction, after its events are appended; a throw rolls the whole action back. */
  written(manager: EntityManager, row: Pick<CaseEntity, 'id' | 'source'>, events: readonly StoredEvent[]): Promise<void>;
}

/**
 * Features register their hooks here at start (the cases module does not import them: they import it). Kept to
 * the action path: intake writes no event another system must hear of.
 */
@Injectable()
export class CaseEventHooks {
  private readonly hooks: CaseEventHook[] = [];

  register(hook: CaseEventHook): void {
    this.hooks.push(hook);
  }

  async written(manager: EntityManager, row: Pick<CaseEntity, 'id' | 'source'>, events: readonly StoredEvent[]): Promise<void> {
    for (const hook of this.hooks) await hook.written(manager, row, events);
  }
}
