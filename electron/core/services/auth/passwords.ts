// Password hashing with bcrypt (pure JS: no native build to fail on a dispatcher's PC).
import bcrypt from 'bcryptjs';

export const DEFAULT_BCRYPT_COST = 12;

export const hashPassword = (password: string, cost = DEFAULT_BCRYPT_COST): Promise<string> =>
  bcrypt.hash(password, cost);

// Compared against when the email is unknown, so a wrong email takes as long as a wrong password.
// Made on first use with the default cost, not at start-up.
let dummyHash: Promise<string> | undefined;

export async function verifyPassword(password: string, hash: string | undefined): Promise<boolean> {
  dummyHash ??= bcrypt.hash('servicepro-timing-equalizer', DEFAULT_BCRYPT_COST);
  const ok = await bcrypt.compare(password, hash ?? (await dummyHash));
  return ok && hash !== undefined;
}
