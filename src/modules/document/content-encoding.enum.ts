import { registerEnumType } from 'type-graphql';

/** How a stored blob of text is encoded; recorded per row so the codec can change later. */
export enum ContentEncoding {
  /** UTF-8 as is: tiny texts, or texts that compression would not shrink. */
  RAW = 'RAW',
  /** Brotli (node:zlib), quality 6: the measured best trade of ratio and speed (README). */
  BROTLI = 'BROTLI',
  /** Raw deflate; read back but not written today. */
  DEFLATE = 'DEFLATE',
}

registerEnumType(ContentEncoding, { name: 'ContentEncoding' });
