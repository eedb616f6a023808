/** `s3://bucket/key` URIs and the S3 bucket naming rules. */

export interface S3Location {
  bucket: string;
  /** Object key or key prefix; '' for the whole bucket. */
  key: string;
}

export function isS3Uri(text: string): boolean {
  return /^s3:\/\//i.test(text);
}

/** Parses `s3://bucket[/key]`; undefined when the text is not an S3 URI with a bucket. */
export function parseS3Uri(uri: string): S3Location | undefined {
  const m = /^s3:\/\/([^/]+)\/?(.*)$/i.exec(uri.trim());
  if (!m) return undefined;
  return { bucket: m[1]!, key: m[2]! };
}

export function formatS3Uri(location: S3Location): string {
  return `s3://${location.bucket}/${location.key}`;
}

/**
 * Why a bucket name is invalid (AWS's rules: 3–63 characters of lower-case letters, digits, dots and
 * hyphens, starting and ending with a letter or digit, no `..`, not an IP address), or undefined.
 */
export function bucketNameProblem(name: string): string | undefined {
  if (name.length < 3 || name.length > 63) return 'Bucket name must be between 3 and 63 characters long';
  if (!/^[a-z0-9.-]+$/.test(name)) return 'Bucket name can contain only lowercase letters, numbers, dots (.), and hyphens (-)';
  if (!/^[a-z0-9]/.test(name) || !/[a-z0-9]$/.test(name)) return 'Bucket name must begin and end with a letter or number';
  if (name.includes('..')) return 'Bucket name must not contain two adjacent periods';
  if (/^\d+\.\d+\.\d+\.\d+$/.test(name)) return 'Bucket name must not be formatted as an IP address';
  if (name.startsWith('xn--') || name.endsWith('-s3alias')) return 'Bucket name uses a reserved prefix or suffix';
  return undefined;
}
