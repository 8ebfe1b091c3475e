// The TextMate grammars, run by the same engine VS Code uses
// (vscode-textmate + Oniguruma) over snippets and every file of sample/.

import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { before, test } from "node:test";
import * as oniguruma from "vscode-oniguruma";
import * as textmate from "vscode-textmate";
import { languageOf } from "../languages";

const root = path.join(__dirname, "..", "..", "..");
let registry: textmate.Registry;

before(async () => {
  const wasm = fs.readFileSync(require.resolve("vscode-oniguruma/release/onig.wasm"));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const files: Record<string, string> = {
    "source.kconfig": "kconfig",
    "source.kbuild": "kbuild",
    "source.kconfig-config": "kconfig-config",
  };
  registry = new textmate.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (s: string[]) => new oniguruma.OnigScanner(s),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scope: string) => {
      const f = files[scope];
      if (!f) {
        return null; // source.shell: VS Code's, not ours
      }
      const p = path.join(root, "syntaxes", `${f}.tmLanguage.json`);
      return textmate.parseRawGrammar(fs.readFileSync(p, "utf8"), p);
    },
  });
});

/** [token text, innermost scope] for every token of `text`. */
async function tokens(scope: string, text: string): Promise<[string, string[]][]> {
  const g = await registry.loadGrammar(scope);
  assert.ok(g, scope);
  let state = textmate.INITIAL;
  const out: [string, string[]][] = [];
  for (const line of text.split("\n")) {
    const r = g.tokenizeLine(line, state);
    for (const t of r.tokens) {
      out.push([line.slice(t.startIndex, t.endIndex), t.scopes]);
    }
    state = r.ruleStack;
  }
  return out;
}

function hasScope(toks: [string, string[]][], text: string, scope: string): boolean {
  return toks.some(([t, s]) => t === text && s.some((x) => x.startsWith(scope)));
}

test("Kconfig: entries, types, attributes, help text, expressions, macros", async () => {
  const t = await tokens(
    "source.kconfig",
    [
      "config SAMPLE_NIC",
      '\ttristate "Sample NIC"',
      "\tdepends on NET && !COMPILE_TEST",
      "\tdefault y if PCI",
      "\thelp",
      "\t  A sample driver.",
      "",
      "\t  More help.",
      "",
      "source \"drivers/net/Kconfig\"",
      "cc-name := $(shell,echo gcc) # comment",
    ].join("\n"),
  );
  for (const [text, scope] of [
    ["config", "keyword.other.entry"],
    ["SAMPLE_NIC", "entity.name.type.config"],
    ["tristate", "storage.type"],
    ["depends on", "keyword.other.attribute"],
    ["NET", "variable.other.constant.symbol"],
    ["&&", "keyword.operator"],
    ["y", "constant.language.tristate"],
    ["if", "keyword.control.conditional"],
    ["\t  A sample driver.", "comment.block.documentation.help"],
    ["\t  More help.", "comment.block.documentation.help"],
    ["source", "keyword.control.import"],
    ["cc-name", "variable.other.macro"],
    ["shell", "support.function.builtin"],
    ["#", "comment.line"],
  ]) {
    assert.ok(hasScope(t, text, scope), `${JSON.stringify(text)} as ${scope}: ${JSON.stringify(t)}`);
  }
});

test("kbuild: lists with CONFIG_, assignments, rules, recipes, functions", async () => {
  const t = await tokens(
    "source.kbuild",
    [
      "obj-$(CONFIG_SAMPLE_NIC) += sample_nic.o",
      "sample_nic-y := sn_main.o",
      "ifdef CONFIG_DEBUG",
      "ccflags-y += -DDEBUG",
      "endif",
      "$(obj)/table.h: $(src)/gen.c FORCE",
      "\t$(call cmd,gen) > $@",
      "V := $(patsubst %.o,%.c,$(obj-y))",
    ].join("\n"),
  );
  for (const [text, scope] of [
    ["CONFIG_SAMPLE_NIC", "variable.other.constant.config"],
    ["+=", "keyword.operator.assignment"],
    ["ifdef", "keyword.control.conditional"],
    ["endif", "keyword.control.conditional"],
    ["ccflags-y", "variable.other.kbuild-list"],
    ["call", "support.function.builtin"],
    ["$@", "variable.language.automatic"],
    ["patsubst", "support.function.builtin"],
  ]) {
    assert.ok(hasScope(t, text, scope), `${JSON.stringify(text)} as ${scope}: ${JSON.stringify(t)}`);
  }
  assert.ok(t.some(([, s]) => s.includes("meta.embedded.recipe.shell")), "recipe is embedded shell");
});

test("config files: values, is not set, junk", async () => {
  const t = await tokens(
    "source.kconfig-config",
    ['CONFIG_NET=y', 'CONFIG_HZ=250', 'CONFIG_LOCALVERSION="-k"', "# CONFIG_DEBUG is not set", "garbage line"].join("\n"),
  );
  for (const [text, scope] of [
    ["CONFIG_NET", "variable.other.constant.config"],
    ["y", "constant.language.tristate"],
    ["250", "constant.numeric"],
    ['"-k"', "string.quoted.double"],
    ["CONFIG_DEBUG", "variable.other.constant.config"],
    ["is not set", "constant.language.not-set"],
    ["garbage line", "invalid.illegal.line"],
  ]) {
    assert.ok(hasScope(t, text, scope), `${JSON.stringify(text)} as ${scope}: ${JSON.stringify(t)}`);
  }
});

test("every Kconfig, Makefile and config file of sample/ tokenizes", async () => {
  const sample = path.join(root, "..", "sample");
  const scopes = { kconfig: "source.kconfig", kbuild: "source.kbuild", "kconfig-config": "source.kconfig-config" };
  const seen: Record<string, number> = { kconfig: 0, kbuild: 0, "kconfig-config": 0 };
  const walk = async (dir: string): Promise<void> => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) {
        await walk(p);
        continue;
      }
      const lang = languageOf(p, true);
      if (!lang) {
        continue;
      }
      seen[lang] += 1;
      const t = await tokens(scopes[lang], fs.readFileSync(p, "utf8"));
      assert.ok(t.length > 0, p);
      if (lang === "kconfig-config") {
        const bad = t.filter(([, s]) => s.some((x) => x.startsWith("invalid.")));
        assert.deepEqual(bad, [], `${p}: lines the grammar calls invalid`);
      }
    }
  };
  await walk(sample);
  assert.ok(seen.kconfig >= 8 && seen.kbuild >= 10 && seen["kconfig-config"] >= 5, JSON.stringify(seen));
});
