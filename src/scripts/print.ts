/** A command-line script's own output: one line on stdout (the server logs through pino). */
export function print(line: string): void {
  process.stdout.write(`${line}\n`);
}
