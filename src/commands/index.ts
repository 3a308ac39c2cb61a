export async function main(_argv: string[], version: string): Promise<number> {
  process.stdout.write(`exotrunk ${version}\n`);
  return 0;
}
