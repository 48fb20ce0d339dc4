// Copyright the terok-vault authors. MIT license.
/**
 * Moved to the detector; this re-export only keeps old imports compiling until the scanner
 * calls the detector directly.
 *
 * @module
 */
export { isPhantomCredential } from "../detect/is_phantom_credential.ts";
