import type { CliCommand } from './command';
import { awsCommand } from './aws';
import { sqlCommand } from './sql';
import { clockCommand } from './clock';

/** Every CLI command; features add theirs (aws, clock, athena, lab) here. */
export const commands: CliCommand[] = [sqlCommand, awsCommand, clockCommand];
