import { randomBytes } from 'node:crypto';
import { decodeHlc, encodeHlc, receiveHlc, tickHlc, type Hlc } from '../../shared/domain/hlc.js';
import type Database from 'better-sqlite3';
import type { Store } from './db.js';

/**
 * This desktop's hybrid logical clock. The node id is made once per data folder and kept in the
 * settings; the last clock value is saved with every tick, inside the caller's transaction, so
 * a restart never goes back in time.
 */
export class Clock {
  private last: Hlc;
  private save: Database.Statement<[string, string]> | undefined;

  private constructor(
    private readonly store: Store,
    private readonly now: () => number,
    last: Hlc,
  ) {
    this.last = last;
  }

  static load(store: Store, now: () => number): Clock {
    const get = store.sqlite.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?');
    let node = get.get('sync.node')?.value;
    if (!node) {
      node = randomBytes(6).toString('hex');
      store.sqlite.prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run('sync.node', node);
    }
    const saved = get.get('sync.hlc')?.value;
    const last = saved ? decodeHlc(saved) : { millis: 0, counter: 0, node };
    return new Clock(store, now, { ...last, node });
  }

  get node(): string {
    return this.last.node;
  }

  /** The wall time this clock reads (injected in tests): bulk writers tick from it too. */
  wallTime(): number {
    return this.now();
  }

  /** Next HLC string; call inside the write transaction that uses it. */
  tick(): string {
    this.last = tickHlc(this.last, this.now());
    const text = encodeHlc(this.last);
    this.persist(text);
    return text;
  }

  /** Moves this clock past a value received from another desk (so that later local writes win over it). */
  receive(remote: string): void {
    this.last = receiveHlc(this.last, decodeHlc(remote), this.now());
    this.persist(encodeHlc(this.last));
  }

  private persist(text: string): void {
    // Compiled once: bulk loads tick once per outbox message, and compiling dominated.
    this.save ??= this.store.sqlite.prepare(
      'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
    );
    this.save.run('sync.hlc', text);
  }
}
