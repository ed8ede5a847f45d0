import type { Config } from '../config.js';
import type { Db } from '../db/connect.js';
import type { Fetcher } from '../fetch/http.js';
import type { Logger } from '../logger.js';
import { referenceRatesUntil, useReferenceRates } from '../normalise/fx.js';
import { loadReferenceRates, saveReferenceRates } from '../store/fx-rates.js';
import { parseEcbRates } from './ecb.js';

export interface FxDeps {
  db: Db;
  fetcher: Fetcher;
  config: Pick<Config, 'FX_RATES_URL' | 'FETCH_ALLOW_PRIVATE'>;
  log: Logger;
}

export interface FxRefresh {
  /** Rates fetched and stored by this call. */
  stored: number;
  /** Latest reference-rate date now in use (null: none stored; the bundled table is used). */
  until: string | null;
}

/** Load the stored reference rates into the converter (at startup; cheap, one query). */
export async function loadStoredRates(db: Db): Promise<string | null> {
  useReferenceRates(await loadReferenceRates(db));
  return referenceRatesUntil();
}

/**
 * Fetch the ECB reference rates, store them and use them from now on. Callers on a schedule treat
 * a failure (offline, format change) as a warning: conversion falls back to the bundled table.
 */
export async function refreshReferenceRates(deps: FxDeps, opts: { allowPrivate?: boolean } = {}): Promise<FxRefresh> {
  const url = deps.config.FX_RATES_URL;
  const res = await deps.fetcher.fetch(url, { accept: 'feed', allowPrivate: opts.allowPrivate ?? deps.config.FETCH_ALLOW_PRIVATE });
  const rates = parseEcbRates(res.body);
  const stored = await saveReferenceRates(deps.db, rates, 'ecb');
  const until = await loadStoredRates(deps.db);
  deps.log.info({ url, stored, until }, 'reference exchange rates refreshed');
  return { stored, until };
}
