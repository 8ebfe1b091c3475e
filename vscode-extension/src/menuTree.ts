// The Kconfig menu tree as kmake-lsp sends it (`kmake/menuTree`), and what
// the tree view does with it: search, labels, the next value of a toggle,
// checks of typed values. Pure; the protocol is described in README.md.

export type NodeType = "menu" | "comment" | "choice" | "bool" | "tristate" | "int" | "hex" | "string" | "unknown";

export interface MenuNode {
  /** Stable within one tree: the node's place, e.g. "0.3.12". */
  id: string;
  /** The prompt text; a symbol without a prompt has "". */
  prompt: string;
  /** The config symbol without CONFIG_ (menus and comments have none). */
  symbol?: string;
  type: NodeType;
  /** The current value: "y"/"m"/"n" or the int/hex/string text; "" for menus. */
  value: string;
  /** Whether the prompt is visible (its dependencies are met). */
  visible: boolean;
  /** Values the user may choose now (bool/tristate), e.g. ["n", "y"]. */
  allowed?: string[];
  /** The Kconfig definition of the entry. */
  location?: { uri: string; line: number };
  children?: MenuNode[];
}

export interface MenuTreeParams {
  /** A file of the tree (picks the workspace folder); absent: the first one. */
  textDocument?: { uri: string };
  /** Include entries whose prompt is not visible (default false). */
  includeInvisible?: boolean;
}

export interface MenuTreeResult {
  /** The `.config` the values come from (absent when none is written yet). */
  config?: string;
  arch?: string;
  nodes: MenuNode[];
}

/** Whether `node` itself matches `query` (prompt or symbol, any case; CONFIG_ prefix ignored). */
export function nodeMatches(node: MenuNode, query: string): boolean {
  const q = query.trim().toLowerCase().replace(/^config_/, "");
  if (!q) {
    return true;
  }
  return node.prompt.toLowerCase().includes(q) || (node.symbol ?? "").toLowerCase().includes(q);
}

/**
 * The tree cut down to the nodes that match `query` and their ancestors;
 * under a matching menu everything is kept. `count` is the number of
 * matching nodes.
 */
export function filterTree(nodes: MenuNode[], query: string): { nodes: MenuNode[]; count: number } {
  if (!query.trim()) {
    return { nodes, count: 0 };
  }
  let count = 0;
  const walk = (list: MenuNode[]): MenuNode[] => {
    const out: MenuNode[] = [];
    for (const n of list) {
      const self = nodeMatches(n, query);
      if (self) {
        count += 1;
      }
      const kids = walk(n.children ?? []);
      if (self || kids.length > 0) {
        out.push({ ...n, children: self && kids.length === 0 ? n.children : kids });
      }
    }
    return out;
  };
  const filtered = walk(nodes);
  return { nodes: filtered, count };
}

/** The label shown for a node: the prompt, else the symbol. */
export function nodeLabel(n: MenuNode): string {
  return n.prompt || n.symbol || "(no prompt)";
}

/** The description beside the label: `[y] CONFIG_FOO`, `(0x1000) CONFIG_BASE`. */
export function nodeDescription(n: MenuNode): string {
  const sym = n.symbol ? `CONFIG_${n.symbol}` : "";
  switch (n.type) {
    case "bool":
    case "tristate":
      return `[${n.value || "n"}] ${sym}`.trim();
    case "int":
    case "hex":
    case "string":
      return `(${n.value}) ${sym}`.trim();
    default:
      return sym;
  }
}

/** Whether the user can change the node's value from the tree. */
export function isEditable(n: MenuNode): boolean {
  if (!n.symbol || !n.visible || !n.prompt) {
    return false;
  }
  if (n.type === "bool" || n.type === "tristate") {
    return (n.allowed ?? ["n", "y"]).length > 1;
  }
  return n.type === "int" || n.type === "hex" || n.type === "string";
}

/**
 * The value a click on a bool/tristate sets: the next allowed value in
 * n → m → y order, wrapping around. Undefined for other types.
 */
export function nextToggleValue(n: MenuNode): string | undefined {
  if (n.type !== "bool" && n.type !== "tristate") {
    return undefined;
  }
  const order = n.type === "bool" ? ["n", "y"] : ["n", "m", "y"];
  const allowed = order.filter((v) => (n.allowed ?? order).includes(v));
  if (allowed.length < 2) {
    return undefined;
  }
  const i = allowed.indexOf(n.value);
  return allowed[(i + 1) % allowed.length];
}

/** Checks a typed value; returns an error message, or undefined when it is fine. */
export function validateValue(type: NodeType, value: string): string | undefined {
  switch (type) {
    case "int":
      return /^-?[0-9]+$/.test(value) ? undefined : "an int: decimal digits, optionally negative";
    case "hex":
      return /^(0[xX])?[0-9a-fA-F]+$/.test(value) ? undefined : "a hex number such as 0x1000";
    case "string":
      return value.includes("\n") ? "one line" : undefined;
    case "bool":
      return ["y", "n"].includes(value) ? undefined : "y or n";
    case "tristate":
      return ["y", "m", "n"].includes(value) ? undefined : "y, m or n";
    default:
      return "this entry has no value";
  }
}

/** The number of nodes in a tree. */
export function countNodes(nodes: MenuNode[]): number {
  return nodes.reduce((a, n) => a + 1 + countNodes(n.children ?? []), 0);
}
