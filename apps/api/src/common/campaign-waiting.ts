import type { CampaignWaiting } from '@asr-twin/persistence';

/**
 * A queued or running run or audit as the api shows it while this api process has lost Redis: its jobs cannot
 * move until Redis is back (the worker's reconciler then enqueues whatever Redis lost), so it is shown waiting,
 * since the moment the connection was lost, unless the worker already recorded a wait of its own.
 */
export function withRedisWait<T extends { readonly status: string; readonly waiting: CampaignWaiting | null }>(campaign: T, redisLostAt: Date | null): T {
  if (redisLostAt === null || campaign.waiting !== null || (campaign.status !== 'queued' && campaign.status !== 'running')) return campaign;
  return { ...campaign, waiting: { since: redisLostAt.toISOString(), reason: 'Redis unavailable: the work resumes by itself when Redis is back' } };
}
