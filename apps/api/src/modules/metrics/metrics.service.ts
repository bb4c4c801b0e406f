import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { DataSource } from 'typeorm';

/** Open and overdue counts are read from the database at most this often, however often Prometheus scrapes. */
export const CASE_GAUGE_CACHE_MS = 15_000;

/**
 * The Prometheus metrics of one application instance, on a registry of its own (tests run several
 * instances in one process). Exposed by GET /metrics.
 */
@Injectable()
export class Metrics {
  readonly registry = new Registry();

  readonly httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP requests by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly casesReported = new Counter({
    name: 'grid_cases_reported_total',
    help: 'Cases reported (committed) through this instance, by source',
    labelNames: ['source'] as const,
    registers: [this.registry],
  });

  readonly pushEmitDelay = new Histogram({
    name: 'grid_push_emit_delay_seconds',
    help: 'From a case event being recorded to its live push being emitted (commit and fan-out)',
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  readonly pushDelivery = new Histogram({
    name: 'grid_push_delivery_seconds',
    help: 'From a dispatch to the phone’s delivery receipt (case.ack): the push latency a worker feels',
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
    registers: [this.registry],
  });

  private counts: { at: number; value: Promise<{ open: number; overdue: number }> } | null = null;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    collectDefaultMetrics({ register: this.registry });
    const open: Gauge = new Gauge({
      name: 'grid_cases_open',
      help: 'Cases not yet closed, rejected or cancelled (whole territory)',
      registers: [this.registry],
      collect: async () => open.set((await this.caseCounts()).open),
    });
    const overdue: Gauge = new Gauge({
      name: 'grid_cases_overdue',
      help: 'Open cases whose SLA state is overdue (whole territory)',
      registers: [this.registry],
      collect: async () => overdue.set((await this.caseCounts()).overdue),
    });
  }

  private caseCounts(): Promise<{ open: number; overdue: number }> {
    if (this.counts && Date.now() - this.counts.at < CASE_GAUGE_CACHE_MS) return this.counts.value;
    const value = this.dataSource
      .query(
        `SELECT count(*)::int AS open, count(*) FILTER (WHERE sla_state = 'overdue')::int AS overdue
         FROM cases WHERE status NOT IN ('closed', 'rejected', 'cancelled')`,
      )
      .then((rows: { open: number; overdue: number }[]) => rows[0]);
    this.counts = { at: Date.now(), value };
    // A failed read is not cached: the next scrape tries again.
    value.catch(() => (this.counts = null));
    return value;
  }
}
