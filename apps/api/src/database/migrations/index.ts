import { Foundation1763900000000 } from './1763900000000-foundation';
import { WorkerPositions1763900200000 } from './1763900200000-worker-positions';
import { Cases1763900300000 } from './1763900300000-cases';
import { SlaSweep1763900400000 } from './1763900400000-sla-sweep';
import { ReferenceNotify1763900500000 } from './1763900500000-reference-notify';
import { Security1763900600000 } from './1763900600000-security';
import { IntakePath1763900650000 } from './1763900650000-intake-path';
import { CalendarNotify1763900660000 } from './1763900660000-calendar-notify';
import { Open3111763900700000 } from './1763900700000-open311';
import { Patrols1763900750000 } from './1763900750000-patrols';
import { Assessment1763900800000 } from './1763900800000-assessment';
import { CaseMap1763900850000 } from './1763900850000-case-map';
import { RefreshTokens1763900900000 } from './1763900900000-refresh-tokens';
import { AssessmentRollups1763900950000 } from './1763900950000-assessment-rollups';
import { SessionLifetime1763900960000 } from './1763900960000-session-lifetime';
import { DuplicateNearest1763900970000 } from './1763900970000-duplicate-nearest';
import { FactsAtIntake1763900980000 } from './1763900980000-facts-at-intake';
import { OpenCasesInMemory1763900990000 } from './1763900990000-open-cases-in-memory';
import { LoginFailures1763901000000 } from './1763901000000-login-failures';
import { TerritoryVersions1763901100000 } from './1763901100000-territory-versions';
import { PeopleAndPosts1763901200000 } from './1763901200000-people-and-posts';
import { CategoryVersions1763901300000 } from './1763901300000-category-versions';
import { Rota1763901500000 } from './1763901500000-rota';
import { RotaFollowsPosts1763901510000 } from './1763901510000-rota-follows-posts';
import { HotlineBridge1763901600000 } from './1763901600000-hotline-bridge';
import { TerritoryEdits1763901700000 } from './1763901700000-territory-edits';
import { Residents1763910000000 } from './1763910000000-residents';
import { Sensors1763911000000 } from './1763911000000-sensors';
import { RecurrenceIndex1763912000000 } from './1763912000000-recurrence-index';
import { MonthlyTasks1763912100000 } from './1763912100000-monthly-tasks';
import { BriefingArchive1763912200000 } from './1763912200000-briefing-archive';
import { LatenessHoldersAndSuspension1763913000000 } from './1763913000000-lateness-holders-and-suspension';
import { AdjustmentsAndPublications1763913100000 } from './1763913100000-adjustments-and-publications';
import { DeskAtScale1763914000000 } from './1763914000000-desk-at-scale';

/** Every migration, in order; listed explicitly so the bundled app and the CLI carry them. */
export const MIGRATIONS = [
  Foundation1763900000000,
  WorkerPositions1763900200000,
  Cases1763900300000,
  SlaSweep1763900400000,
  ReferenceNotify1763900500000,
  Security1763900600000,
  IntakePath1763900650000,
  CalendarNotify1763900660000,
  Open3111763900700000,
  Patrols1763900750000,
  Assessment1763900800000,
  CaseMap1763900850000,
  RefreshTokens1763900900000,
  AssessmentRollups1763900950000,
  SessionLifetime1763900960000,
  DuplicateNearest1763900970000,
  FactsAtIntake1763900980000,
  OpenCasesInMemory1763900990000,
  LoginFailures1763901000000,
  TerritoryVersions1763901100000,
  PeopleAndPosts1763901200000,
  CategoryVersions1763901300000,
  Rota1763901500000,
  RotaFollowsPosts1763901510000,
  HotlineBridge1763901600000,
  TerritoryEdits1763901700000,
  Residents1763910000000,
  Sensors1763911000000,
  RecurrenceIndex1763912000000,
  MonthlyTasks1763912100000,
  BriefingArchive1763912200000,
  LatenessHoldersAndSuspension1763913000000,
  AdjustmentsAndPublications1763913100000,
  DeskAtScale1763914000000,
];
