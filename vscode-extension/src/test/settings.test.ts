import { strict as assert } from "assert";
import { test } from "node:test";
import { statusText, toInitializationOptions } from "../settings";

test("defaults: every key present, empty strings for unset", () => {
  assert.deepEqual(toInitializationOptions({}, true), {
    arch: "",
    outputDir: "",
    crossCompile: "",
    llvm: "",
    trusted: true,
    buildOnSave: "off",
    clangd: true,
  });
});

test("settings map to the server's flat keys", () => {
  const o = toInitializationOptions(
    {
      "build.outputDir": " /tmp/out ",
      "build.arch": "arm64",
      "build.crossCompile": "aarch64-linux-gnu-",
      "build.llvm": "-18",
      "build.onSave": "file",
      "compileCommands.clangd": false,
    },
    false,
  );
  assert.deepEqual(o, {
    arch: "arm64",
    outputDir: "/tmp/out",
    crossCompile: "aarch64-linux-gnu-",
    llvm: "-18",
    trusted: false,
    buildOnSave: "file",
    clangd: false,
  });
});

test("odd values: LLVM true/false/number, unknown save mode, wrong types", () => {
  assert.equal(toInitializationOptions({ "build.llvm": true }, true).llvm, "1");
  assert.equal(toInitializationOptions({ "build.llvm": false }, true).llvm, "");
  assert.equal(toInitializationOptions({ "build.llvm": 1 }, true).llvm, "1");
  assert.equal(toInitializationOptions({ "build.onSave": "always" }, true).buildOnSave, "off");
  assert.equal(toInitializationOptions({ "build.arch": { x: 1 } }, true).arch, "");
  assert.equal(toInitializationOptions({ "compileCommands.clangd": "no" }, true).clangd, true);
});

test("status text", () => {
  assert.equal(statusText(toInitializationOptions({}, true)), "host arch · in-tree");
  assert.equal(
    statusText(toInitializationOptions({ "build.arch": "x86_64", "build.outputDir": "out", "build.llvm": "1" }, true)),
    "x86_64 · O=out · LLVM",
  );
  assert.equal(
    statusText(toInitializationOptions({ "build.arch": "arm64", "build.crossCompile": "aarch64-linux-gnu-" }, true)),
    "arm64 · in-tree · aarch64-linux-gnu-",
  );
});
