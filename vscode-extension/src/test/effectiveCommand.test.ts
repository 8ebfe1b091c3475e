import { strict as assert } from "assert";
import { test } from "node:test";
import { formatEffectiveCommand, shellQuote } from "../effectiveCommand";

test("arguments are quoted for sh", () => {
  assert.equal(shellQuote("-DKBUILD_MODNAME=\"foo\""), `'-DKBUILD_MODNAME="foo"'`);
  assert.equal(shellQuote("-Wall"), "-Wall");
  assert.equal(shellQuote("it's"), `'it'\\''s'`);
  assert.equal(
    formatEffectiveCommand("/k/init/main.c", { directory: "/o", arguments: ["gcc", "-c", "-o", "init/main.o", "../init/main.c"] }),
    "# the command that builds /k/init/main.c\ncd /o &&\ngcc -c -o init/main.o ../init/main.c\n",
  );
});

test("a command string is shown as it is; not built says why", () => {
  assert.match(formatEffectiveCommand("f.c", { directory: "/o", command: "gcc -c f.c" }), /\ngcc -c f\.c\n$/);
  assert.equal(
    formatEffectiveCommand("/k/drivers/net/dummy.c", { notBuilt: "CONFIG_DUMMY is n" }),
    "# /k/drivers/net/dummy.c is not built: CONFIG_DUMMY is n\n",
  );
});
