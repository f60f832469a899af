import { brotliCompressSync, brotliDecompressSync, constants, inflateRawSync } from 'node:zlib';
import { ContentEncoding } from './content-encoding.enum';

/** Below this many bytes compression saves too little to be worth the CPU. */
const RAW_BELOW = 256;
/** Quality 6: the README's measurements show it near quality 9's ratio at a fifth of its cost. */
const BROTLI_QUALITY = 6;

export interface EncodedContent {
  encoding: ContentEncoding;
  data: Buffer;
}

export function encodeContent(text: string): EncodedContent {
  const raw = Buffer.from(text, 'utf8');
  if (raw.length < RAW_BELOW) return { encoding: ContentEncoding.RAW, data: raw };
  const packed = brotliCompressSync(raw, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY,
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      [constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
    },
  });
  return packed.length < raw.length
    ? { encoding: ContentEncoding.BROTLI, data: packed }
    : { encoding: ContentEncoding.RAW, data: raw };
}

export function decodeContent(encoding: ContentEncoding, data: Buffer | Uint8Array): string {
  const bytes = Buffer.isBuffer(data) ? data : Buffer.from(data);
  switch (encoding) {
    case ContentEncoding.RAW:
      return bytes.toString('utf8');
    case ContentEncoding.BROTLI:
      return brotliDecompressSync(bytes).toString('utf8');
    case ContentEncoding.DEFLATE:
      return inflateRawSync(bytes).toString('utf8');
  }
}
