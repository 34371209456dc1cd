// The data model's migrations, in order. Add a new one at the end; never edit one that has shipped.
import type { Migration } from './migrations';

export const schemaMigrations: readonly Migration[] = [];
