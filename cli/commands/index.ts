import type { CliCommand } from './command';
import { awsCommand } from './aws';
import { sqlCommand } from './sql';
import { clockCommand } from './clock';
import { labCommand } from './lab';
import { athenaCommand } from './athena';

/** Every CLI command; features add theirs (aws, clock, athena, lab) here. */
export const commands: CliCommand[] = [sqlCommand, awsCommand, clockCommand, labCommand, athenaCommand];
