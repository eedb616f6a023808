export { LocalS3, S3Problem, S3_ROOT, type S3Object } from './local-s3';
export { parseS3Uri, formatS3Uri, isS3Uri, bucketNameProblem, type S3Location } from './s3-uri';
export { s3ConsoleOperations } from './s3-console';
