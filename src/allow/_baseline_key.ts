/** The identity of one fingerprinted evidence item across reports. */
export function baselineKey(rule: string, relativePath: string, fingerprint: string): string {
  return `${rule}\0${relativePath}\0${fingerprint}`;
}
