import { strict as assert } from "assert";
import { test } from "node:test";
import { resolveServerPath, ServerPathInputs } from "../serverPath";

function inputs(over: Partial<ServerPathInputs>, executables: string[]): ServerPathInputs {
  return {
    env: { PATH: "/usr/local/bin:/usr/bin", HOME: "/home/u" },
    setting: "",
    extensionPath: "/ext",
    platform: "linux",
    isExecutable: (p) => executables.includes(p),
    workspaceFolder: "/src/linux",
    ...over,
  };
}

test("KMAKE_LSP_PATH comes first", () => {
  const r = resolveServerPath(
    inputs({ env: { KMAKE_LSP_PATH: "/opt/kmake-lsp", PATH: "/usr/bin" }, setting: "/s/kmake-lsp" }, [
      "/opt/kmake-lsp",
      "/s/kmake-lsp",
      "/ext/server/kmake-lsp",
      "/usr/bin/kmake-lsp",
    ]),
  );
  assert.deepEqual(r, { kind: "found", path: "/opt/kmake-lsp", source: "env" });
});

test("a KMAKE_LSP_PATH that is not executable is an error, not a fallback", () => {
  const r = resolveServerPath(inputs({ env: { KMAKE_LSP_PATH: "/nope", PATH: "/usr/bin" } }, ["/usr/bin/kmake-lsp"]));
  assert.equal(r.kind, "missing");
  assert.match((r as { message: string }).message, /KMAKE_LSP_PATH is set to \/nope/);
});

test("the setting comes before the bundled binary, with ~ and relative paths", () => {
  assert.deepEqual(resolveServerPath(inputs({ setting: "~/bin/kmake-lsp" }, ["/home/u/bin/kmake-lsp", "/ext/server/kmake-lsp"])), {
    kind: "found",
    path: "/home/u/bin/kmake-lsp",
    source: "setting",
  });
  assert.deepEqual(resolveServerPath(inputs({ setting: "target/release/kmake-lsp" }, ["/src/linux/target/release/kmake-lsp"])), {
    kind: "found",
    path: "/src/linux/target/release/kmake-lsp",
    source: "setting",
  });
  const bad = resolveServerPath(inputs({ setting: "/x/kmake-lsp" }, ["/ext/server/kmake-lsp"]));
  assert.equal(bad.kind, "missing");
  assert.match((bad as { message: string }).message, /kmake\.server\.path/);
});

test("bundled binary, then PATH in order", () => {
  assert.deepEqual(resolveServerPath(inputs({}, ["/ext/server/kmake-lsp", "/usr/bin/kmake-lsp"])), {
    kind: "found",
    path: "/ext/server/kmake-lsp",
    source: "bundled",
  });
  assert.deepEqual(resolveServerPath(inputs({}, ["/usr/local/bin/kmake-lsp", "/usr/bin/kmake-lsp"])), {
    kind: "found",
    path: "/usr/local/bin/kmake-lsp",
    source: "path",
  });
});

test("windows looks for kmake-lsp.exe with ; in PATH", () => {
  const r = resolveServerPath(
    inputs({ platform: "win32", env: { PATH: "C:\\a;/w" }, extensionPath: "/e" }, ["/w/kmake-lsp.exe"]),
  );
  assert.deepEqual(r, { kind: "found", path: "/w/kmake-lsp.exe", source: "path" });
});

test("nothing found: the message says what to do", () => {
  const r = resolveServerPath(inputs({ env: {} }, []));
  assert.equal(r.kind, "missing");
  const m = (r as { message: string }).message;
  assert.match(m, /kmake-lsp not found/);
  assert.match(m, /cargo build --release -p kmake-lsp/);
  assert.match(m, /kmake\.server\.path/);
});
