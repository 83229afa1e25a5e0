import { startServer } from '../../index.js';
import { parseCommandArgs } from '../args.js';

export async function serveCommand(argv: string[]) {
  parseCommandArgs('serve', argv, {});
  const { close } = await startServer();
  const stop = () => void close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
