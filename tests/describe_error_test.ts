import assert from "node:assert/strict";
import { describeError } from "../src/_describe_error.ts";

Deno.test("describeError() names file-system errors by class, never by their message", () => {
  assert.equal(
    describeError(new Deno.errors.NotFound("open '/secret/path'")),
    "no such file or directory",
  );
  assert.equal(describeError(new Deno.errors.PermissionDenied("x")), "permission denied");
  assert.equal(describeError(new Deno.errors.IsADirectory("x")), "is a directory");
  assert.equal(describeError(new Deno.errors.NotADirectory("x")), "not a directory");
});

Deno.test("describeError() names anything else as unexpected", () => {
  assert.equal(describeError(new TypeError("boom /secret")), "unexpected TypeError");
  assert.equal(describeError("a string"), "unexpected error");
});

Deno.test("describeError() lets the OS code decide where one class covers several causes", () => {
  const withCode = (error: Error, code: string) => Object.assign(error, { code });
  assert.equal(
    describeError(withCode(new Deno.errors.PermissionDenied("x"), "EPERM")),
    "operation not permitted",
  );
  assert.equal(
    describeError(withCode(new Deno.errors.PermissionDenied("x"), "EACCES")),
    "permission denied",
  );
  assert.equal(describeError(withCode(new Error("x"), "EROFS")), "read-only file system");
  assert.equal(describeError(withCode(new Error("x"), "EXDEV")), "on another file system");
  assert.equal(describeError(withCode(new Error("x"), "EWEIRD")), "unexpected error EWEIRD");
  assert.equal(describeError(withCode(new Deno.errors.Busy("x"), "EWEIRD")), "resource busy");
});

Deno.test("describeError() describes what the runtime really throws", () => {
  const caught = (fn: () => unknown): unknown => {
    try {
      fn();
    } catch (error) {
      return error;
    }
    throw new Error("expected a throw");
  };
  assert.equal(
    describeError(caught(() => Deno.readFileSync("/nonexistent-terok/x"))),
    "no such file or directory",
  );
  assert.equal(
    describeError(caught(() => Deno.readFileSync(`/${"a".repeat(300)}`))),
    "file name too long",
  );
});
