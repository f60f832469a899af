// Measures node:zlib codecs on generated HTML and Markdown documents (the README's figures).
// Run: node test/measure/compression.mjs
import zlib from 'node:zlib';

const words =
  'deploy rollback incident runbook service latency queue database replica failover cache shard token gateway alert metric dashboard on-call escalation postmortem'.split(
    ' ',
  );
let seed = 7;
const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
const pick = () => words[Math.floor(rnd() * words.length)];
const sentence = (n = 12) => Array.from({ length: n }, pick).join(' ') + '.';

function html(bytes) {
  let out = '<!doctype html>\n<html><head><title>Runbook</title></head><body>\n';
  for (let i = 0; out.length < bytes; i++) {
    out += `<h2 id="s${i}">Section ${i}: ${sentence(4)}</h2>\n<p class="lead">${sentence()} ${sentence()}</p>\n<ul>\n<li><a href="/docs/${pick()}/${i}">${sentence(5)}</a></li>\n<li><code>kubectl rollout undo deploy/${pick()}</code></li>\n</ul>\n<table><tr><td>${pick()}</td><td>${Math.floor(rnd() * 1000)} ms</td></tr></table>\n`;
  }
  return out + '</body></html>\n';
}
function markdown(bytes) {
  let out = '# Runbook\n\n';
  for (let i = 0; out.length < bytes; i++) {
    out += `## ${i}. ${sentence(4)}\n\n${sentence()} ${sentence()}\n\n- [${sentence(3)}](/docs/${pick()}/${i})\n- \`${pick()}\` takes ${Math.floor(rnd() * 1000)} ms\n\n\`\`\`sh\nkubectl rollout undo deploy/${pick()}\n\`\`\`\n\n`;
  }
  return out;
}

const codecs = {
  'deflate-1': (b) => zlib.deflateRawSync(b, { level: 1 }),
  'deflate-6': (b) => zlib.deflateRawSync(b, { level: 6 }),
  'deflate-9': (b) => zlib.deflateRawSync(b, { level: 9 }),
  'gzip-6': (b) => zlib.gzipSync(b, { level: 6 }),
  'brotli-4': (b) =>
    zlib.brotliCompressSync(b, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } }),
  'brotli-6': (b) =>
    zlib.brotliCompressSync(b, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 6 } }),
  'brotli-9': (b) =>
    zlib.brotliCompressSync(b, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 9 } }),
  'brotli-11': (b) =>
    zlib.brotliCompressSync(b, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }),
};
const decoders = {
  deflate: zlib.inflateRawSync,
  gzip: zlib.gunzipSync,
  brotli: zlib.brotliDecompressSync,
};

for (const [kind, make] of [
  ['HTML', html],
  ['Markdown', markdown],
]) {
  for (const size of [4_000, 200_000]) {
    const input = Buffer.from(make(size));
    for (const [name, fn] of Object.entries(codecs)) {
      const runs = size > 10_000 ? 20 : 200;
      let out;
      let t = process.hrtime.bigint();
      for (let i = 0; i < runs; i++) out = fn(input);
      const enc = Number(process.hrtime.bigint() - t) / 1e6 / runs;
      const dec = decoders[name.split('-')[0]];
      t = process.hrtime.bigint();
      for (let i = 0; i < runs; i++) dec(out);
      const decMs = Number(process.hrtime.bigint() - t) / 1e6 / runs;
      console.log(
        `${kind}\t${input.length}\t${name}\t${out.length}\t${(input.length / out.length).toFixed(2)}x\t${enc.toFixed(3)} ms\t${decMs.toFixed(3)} ms`,
      );
    }
  }
}
