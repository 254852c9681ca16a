/**
 * Where reports, dashboards and list exports are read (issue 18 item 6, docs/ARCHITECTURE.md "Read
 * replica"): a streaming-replication standby when DATABASE_READ_URL is set and it is fresh enough,
 * otherwise the primary. `GET /api/v1/read-source` answers it for the dashboard's note
 * (“数据来自只读副本，延迟约 N 秒”); the answers read there carry the header `X-Read-Source`.
 */
import { Type, type Static } from 'typebox';

export const readSourceKinds = ['primary', 'standby'] as const;
export type ReadSourceKind = (typeof readSourceKinds)[number];

/** Why the primary answers although a standby is configured. */
export const readFallbackReasons = [
  /** The standby did not accept a connection or failed the check query. */
  'unreachable',
  /** The server at DATABASE_READ_URL is not (or no longer) a standby: a promoted copy is never read. */
  'not_in_recovery',
  /** The standby has not replayed a heartbeat of the primary yet. */
  'no_heartbeat',
  /** The standby is further behind than OHP_READ_MAX_LAG_SECONDS. */
  'lag_exceeded',
] as const;
export type ReadFallbackReason = (typeof readFallbackReasons)[number];

/** The reasons as people read them, Chinese first (the dashboard's note). */
export const readFallbackReasonLabels: Record<ReadFallbackReason, { zh: string; en: string }> = {
  unreachable: { zh: '只读副本无法连接', en: 'the read replica cannot be reached' },
  not_in_recovery: { zh: '只读副本已不是备库', en: 'the read replica is no longer a standby' },
  no_heartbeat: { zh: '只读副本尚未同步', en: 'the read replica has not caught up yet' },
  lag_exceeded: { zh: '只读副本延迟过大', en: 'the read replica is too far behind' },
};

export const ReadSourceResponse = Type.Object({
  source: Type.Union([Type.Literal('primary'), Type.Literal('standby')]),
  /**
   * The standby's replay lag in seconds (an upper bound, within the primary's 5 s heartbeat): how old
   * the data may be when the standby answers, how far behind it was when the primary answers for lag.
   * Null when no standby answered (none configured, unreachable).
   */
  lagSeconds: Type.Union([Type.Number({ minimum: 0 }), Type.Null()]),
  /** Why the primary answers although a standby is configured; null when none is configured. */
  fallbackReason: Type.Union([
    Type.Unsafe<ReadFallbackReason>(Type.Union(readFallbackReasons.map((r) => Type.Literal(r)))),
    Type.Null(),
  ]),
});
export type ReadSourceResponse = Static<typeof ReadSourceResponse>;
