// The few reads sign-in needs before a business is known: by email, across businesses, on purpose.
import type { Db, Document } from 'mongodb';

const SETUP_COLLECTION = 'setup';

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
   * First run: writes the business and its owner. A marker with a fixed _id makes this happen once
   * even when two windows submit the form at the same moment.
   */
  async createFirstOwner(business: Document, owner: Document): Promise<boolean> {
    try {
      await this.db
        .collection<{ _id: string }>(SETUP_COLLECTION)
        .insertOne({ _id: 'owner', at: new Date() } as never);
    } catch (err) {
      if ((err as { code?: number }).code === 11000) return false;
      throw err;
    }
    if (await this.hasUsers()) return false;
    await this.db.collection('businesses').insertOne({ ...business });
    await this.db.collection('users').insertOne({ ...owner });
    return true;
  }

  async recordSignIn(user_id: string, at: Date): Promise<void> {
    await this.db.collection('users').updateOne({ user_id }, { $set: { last_login_at: at } });
  }
}
