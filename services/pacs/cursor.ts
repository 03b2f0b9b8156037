import { Op } from 'sequelize';
import type { Database } from '../runtime.js';

/**
 * A named position in `pacs_cursor` — the Orthanc `/changes` sequence, the built-in archive's
 * stable-study watermark — and a lease on it, so that of several nodes running the pacs actor
 * only one follows a stream at a time; another takes over once the holder's lease lapses.
 */
export class CursorStore {
  constructor(private readonly db: Database, readonly name: string) {}

  private get model() {
    return this.db.models.PacsCursor;
  }

  /** Creates the row once; INSERT OR IGNORE rather than a transaction, which SQLite could refuse mid-way under load. */
  private async ensure(): Promise<void> {
    if (this.ensured) return;
    await this.model.bulkCreate([{ name: this.name, position: 0 }], { ignoreDuplicates: true });
    this.ensured = true;
  }
  private ensured = false;

  async position(): Promise<number> {
    const row = await this.model.findByPk(this.name);
    return row ? row.position : 0;
  }

  /** Moves the position forward (never back: events may complete out of order). */
  async advanceTo(position: number): Promise<void> {
    await this.ensure();
    await this.model.update({ position }, { where: { name: this.name, position: { [Op.lt]: position } } });
  }

  /** Takes or renews the lease for `owner`; false while another node holds an unexpired one. */
  async lease(owner: string, ms: number): Promise<boolean> {
    await this.ensure();
    const now = new Date();
    const [changed] = await this.model.update({ owner, lease_until: new Date(now.getTime() + ms) }, {
      where: { name: this.name, [Op.or]: [{ owner }, { owner: null }, { lease_until: null }, { lease_until: { [Op.lt]: now } }] },
    });
    return changed > 0;
  }

  /** Stores the position reached by the lease holder; false when the lease was lost meanwhile. */
  async save(owner: string, position: number): Promise<boolean> {
    const [changed] = await this.model.update({ position }, { where: { name: this.name, owner } });
    return changed > 0;
  }

  async release(owner: string): Promise<void> {
    await this.model.update({ owner: null, lease_until: null }, { where: { name: this.name, owner } });
  }
}
