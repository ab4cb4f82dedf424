import { defineConfig } from 'drizzle-kit';

/** The portal's store (PostgreSQL dialect; PGlite and PostgreSQL run the same migrations). */
export default defineConfig({
  dialect: 'postgresql',
  schema: './portal/store/schema.ts',
  out: './portal/store/migrations',
});
