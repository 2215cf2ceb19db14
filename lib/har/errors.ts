/** A HAR file that cannot be read; the message says where and why (the CLI prints it and exits 2). */
export class HarError extends Error {
  override name = 'HarError';
}
