import { strict as assert } from "assert";
import { test } from "node:test";
import { findKernelRoot, languageOf } from "../languages";

const tree = new Set(["/k/Kconfig", "/k/Makefile", "/k/arch", "/k/drivers/net/Kconfig", "/k/drivers/net/Makefile"]);
const exists = (p: string) => tree.has(p);

test("the kernel root is the nearest ancestor with Kconfig, Makefile and arch/", () => {
  assert.equal(findKernelRoot("/k/drivers/net/Makefile", exists), "/k");
  assert.equal(findKernelRoot("/k/Makefile", exists), "/k");
  assert.equal(findKernelRoot("/elsewhere/Makefile", exists), undefined);
  assert.equal(findKernelRoot("/k/drivers/net/Makefile", exists, "/k/drivers"), undefined);
});

test("Kconfig anywhere; Makefiles only inside a kernel tree", () => {
  assert.equal(languageOf("/x/Kconfig", false), "kconfig");
  assert.equal(languageOf("/x/Kconfig.debug", false), "kconfig");
  assert.equal(languageOf("/k/drivers/net/Makefile", true), "kbuild");
  assert.equal(languageOf("/k/scripts/Makefile.build", true), "kbuild");
  assert.equal(languageOf("/x/Makefile", false), undefined);
  assert.equal(languageOf("/x/Kbuild", false), "kbuild");
});

test("config files and fragments", () => {
  assert.equal(languageOf("/o/.config", false), "kconfig-config");
  assert.equal(languageOf("/k/arch/x86/configs/x86_64_defconfig", true), "kconfig-config");
  assert.equal(languageOf("/k/kernel/configs/debug.config", true), "kconfig-config");
  assert.equal(languageOf("/web/site/web.config", false), undefined);
  assert.equal(languageOf("/k/tools/foo.config", true), undefined);
});
