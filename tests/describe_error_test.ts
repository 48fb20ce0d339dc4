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
