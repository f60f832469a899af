export default async function globalTeardown() {
  await globalThis.__porticoEmbeddedPostgres?.stop();
}
