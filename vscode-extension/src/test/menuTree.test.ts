import { strict as assert } from "assert";
import { test } from "node:test";
import {
  MenuNode,
  countNodes,
  filterTree,
  isEditable,
  nextToggleValue,
  nodeDescription,
  nodeLabel,
  validateValue,
} from "../menuTree";

const tree: MenuNode[] = [
  {
    id: "0",
    prompt: "General setup",
    type: "menu",
    value: "",
    visible: true,
    children: [
      { id: "0.0", prompt: "Local version", symbol: "LOCALVERSION", type: "string", value: "", visible: true },
      { id: "0.1", prompt: "Timer frequency", symbol: "HZ", type: "int", value: "250", visible: true },
    ],
  },
  {
    id: "1",
    prompt: "Networking support",
    symbol: "NET",
    type: "bool",
    value: "y",
    visible: true,
    children: [
      { id: "1.0", prompt: "Sample NIC", symbol: "SAMPLE_NIC", type: "tristate", value: "m", visible: true, allowed: ["n", "m", "y"] },
      { id: "1.1", prompt: "NIC stats", symbol: "SAMPLE_STATS", type: "bool", value: "n", visible: false },
    ],
  },
];

test("search keeps matches and their ancestors, any case, CONFIG_ prefix ignored", () => {
  const r = filterTree(tree, "config_sample_n");
  assert.equal(r.count, 1);
  assert.deepEqual(
    r.nodes.map((n) => [n.id, (n.children ?? []).map((c) => c.id)]),
    [["1", ["1.0"]]],
  );
  const byPrompt = filterTree(tree, "TIMER");
  assert.deepEqual(byPrompt.nodes.map((n) => n.id), ["0"]);
  assert.equal(byPrompt.nodes[0].children?.[0].symbol, "HZ");
});

test("a matching menu keeps all its children; empty search is the whole tree", () => {
  const r = filterTree(tree, "general");
  assert.equal(r.nodes[0].children?.length, 2);
  assert.equal(filterTree(tree, "  ").nodes, tree);
  assert.equal(filterTree(tree, "nothing-like-this").nodes.length, 0);
  assert.equal(countNodes(tree), 6);
});

test("labels and descriptions", () => {
  assert.equal(nodeLabel(tree[1]), "Networking support");
  assert.equal(nodeDescription(tree[1]), "[y] CONFIG_NET");
  assert.equal(nodeDescription(tree[0].children![1]), "(250) CONFIG_HZ");
  assert.equal(nodeDescription(tree[0]), "");
  assert.equal(nodeLabel({ id: "x", prompt: "", symbol: "HIDDEN", type: "bool", value: "y", visible: true }), "HIDDEN");
});

test("toggles cycle through the allowed values", () => {
  assert.equal(nextToggleValue(tree[1]), "n");
  assert.equal(nextToggleValue({ ...tree[1], value: "n" }), "y");
  const nic = tree[1].children![0];
  assert.equal(nextToggleValue(nic), "y");
  assert.equal(nextToggleValue({ ...nic, value: "y" }), "n");
  assert.equal(nextToggleValue({ ...nic, value: "n", allowed: ["n", "y"] }), "y");
  assert.equal(nextToggleValue({ ...nic, allowed: ["m"] }), undefined);
  assert.equal(nextToggleValue(tree[0]), undefined);
});

test("what can be edited and what values are accepted", () => {
  assert.equal(isEditable(tree[1]), true);
  assert.equal(isEditable(tree[1].children![1]), false, "invisible");
  assert.equal(isEditable(tree[0]), false, "menu");
  assert.equal(isEditable(tree[0].children![1]), true);
  assert.equal(validateValue("int", "250"), undefined);
  assert.notEqual(validateValue("int", "0x10"), undefined);
  assert.equal(validateValue("hex", "0x1000"), undefined);
  assert.notEqual(validateValue("hex", "zz"), undefined);
  assert.equal(validateValue("string", "-kmake"), undefined);
  assert.equal(validateValue("tristate", "m"), undefined);
  assert.notEqual(validateValue("bool", "m"), undefined);
});
