import { consoleCommand } from './aws';

/** `warehouse-lab clock [--workspace DIR] show | advance 8h`: the workspace's simulated clock. */
export const clockCommand = consoleCommand('clock', "show or move the workspace's simulated clock", 'warehouse-lab clock [--workspace DIR] (show | advance 8h|30m|2d)', ['clock']);
