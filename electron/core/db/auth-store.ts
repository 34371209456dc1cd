// The few reads sign-in needs before a business is known: by email, across businesses, on purpose.
import type { Db, Document } from 'mongodb';

const SETUP_COLLECTION = 'setup';
/** A setup claim this old with still no user was left by an app that closed mid-setup. */
const STALE_SETUP_MS = 60_000;

export interface UserRecord {
  user_id: string;
  business_id: string | null;
  email: string;
  password_hash: string;
  first_name: string;
  last_name: string;
  role: 'owner' | 'admin' | 'staff' | 'customer';
  is_active: boolean;
}

export interface BusinessRecord {
  business_id: string;
  name: string;
  timezone: string;
}

export class AuthStore {
  constructor(private readonly db: Db) {}

  /** Emails are stored lower-cased, so the lookup is exact (and uses the unique index). */
  findUserByEmail(email: string): Promise<UserRecord | null> {
    return this.db
      .collection<UserRecord>('users')
      .findOne({ email: email.trim().toLowerCase(), deleted_at: null }, { projection: { _id: 0 } });
  }

  getUser(user_id: string): Promise<UserRecord | null> {
    return this.db
      .collection<UserRecord>('users')
      .findOne({ user_id, deleted_at: null }, { projection: { _id: 0 } });
  }

  getBusiness(business_id: string): Promise<BusinessRecord | null> {
    return this.db
      .collection<BusinessRecord>('businesses')
      .findOne(
        { business_id, deleted_at: null },
        { projection: { _id: 0, business_id: 1, name: 1, timezone: 1 } },
      );
  }

  /** Where a system administrator (who belongs to no business) lands after signing in. */
  firstBusiness(): Promise<BusinessRecord | null> {
    return this.db
      .collection<BusinessRecord>('businesses')
      .findOne(
        { deleted_at: null },
        { sort: { name: 1 }, projection: { _id: 0, business_id: 1, name: 1, timezone: 1 } },
      );
  }

  async hasUsers(): Promise<boolean> {
    return (await this.db.collection('users').countDocuments({}, { limit: 1 })) > 0;
  }

  /**
   * First run: claims the right to set the app up (create the owner, or load the demo). A marker
   * with a fixed _id makes this happen once even when two windows submit at the same moment. A
   * marker left by a setup that never finished (the app closed between the marker and the owner)
   * is taken over once it is a minute old and still no user exists.
   */
  async claimSetup(now: Date): Promise<boolean> {
    const markers = this.db.collection<{ _id: string; at: Date }>(SETUP_COLLECTION);
    const insert = async () => {
      try {
        await markers.insertOne({ _id: 'owner', at: now });
        return true;
      } catch (err) {
        if ((err as { code?: number }).code === 11000) return false;
        throw err;
      }
    };
    if (await insert()) return !(await this.hasUsers());
    const marker = await markers.findOne({ _id: 'owner' });
    if (!marker || (await this.hasUsers())) return false;
    if (now.getTime() - marker.at.getTime() < STALE_SETUP_MS) return false;
    const removed = await markers.deleteOne({ _id: 'owner', at: marker.at });
    return removed.deletedCount === 1 && (await insert()) && !(await this.hasUsers());
  }

  /** Gives the claim back after a setup that failed, so the wizard can be finished again. */
  async releaseSetup(): Promise<void> {
    await this.db.collection<{ _id: string }>(SETUP_COLLECTION).deleteOne({ _id: 'owner' });
  }

  /** First run: writes the business and its owner, once (see `claimSetup`). */
  async createFirstOwner(
    business: Document & { business_id: string },
    owner: Document,
    now: Date,
  ): Promise<boolean> {
    if (!(await this.claimSetup(now))) return false;
    try {
      await this.db.collection('businesses').insertOne({ ...business });
      await this.db.collection('users').insertOne({ ...owner });
    } catch (err) {
      await this.db.collection('businesses').deleteOne({ business_id: business.business_id });
      await this.releaseSetup();
      throw err;
    }
    return true;
  }

  async recordSignIn(user_id: string, at: Date): Promise<void> {
    await this.db.collection('users').updateOne({ user_id }, { $set: { last_login_at: at } });
  }
}
