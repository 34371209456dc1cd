// The few reads sign-in needs before a business is known: by email, across businesses, on purpose.
import type { Db } from 'mongodb';

export interface UserRecord {
  user_id: string;
  business_id: string;
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

  async hasUsers(): Promise<boolean> {
    return (await this.db.collection('users').countDocuments({}, { limit: 1 })) > 0;
  }

  async recordSignIn(user_id: string, at: Date): Promise<void> {
    await this.db.collection('users').updateOne({ user_id }, { $set: { last_login_at: at } });
  }
}
