/**
 * The YAML parser, named by its full `npm:` specifier in this one place so that `src/mod.ts`
 * works without the checkout's deno.json (a URL or vendored import has no import map). Keep the
 * version equal to deno.json's `imports` entry (a test checks it).
 *
 * @module
 */

export * from "npm:js-yaml@5.5.0";
