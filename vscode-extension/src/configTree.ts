// The config tree view: the Kconfig menu tree from `kmake/menuTree`, values
// changed through the server's `kmake.setConfig` command, and a search.

import * as vscode from "vscode";
import { ExecuteCommandRequest, LanguageClient, State } from "vscode-languageclient/node";
import {
  MenuNode,
  MenuTreeParams,
  MenuTreeResult,
  countNodes,
  filterTree,
  isEditable,
  nextToggleValue,
  nodeDescription,
  nodeLabel,
  validateValue,
} from "./menuTree";

const METHOD_NOT_FOUND = -32601;

export class ConfigTreeProvider implements vscode.TreeDataProvider<MenuNode> {
  private readonly changed = new vscode.EventEmitter<MenuNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private full: MenuTreeResult | undefined;
  private shown: MenuNode[] = [];
  private query = "";
  private loading: Promise<void> | undefined;
  private view: vscode.TreeView<MenuNode> | undefined;

  constructor(
    private readonly client: () => LanguageClient | undefined,
    private readonly output: vscode.OutputChannel,
  ) {}

  attach(view: vscode.TreeView<MenuNode>): void {
    this.view = view;
  }

  refresh(): void {
    this.full = undefined;
    this.loading = undefined;
    this.changed.fire(undefined);
  }

  private setMessage(m: string | undefined): void {
    if (this.view) {
      this.view.message = m;
    }
  }

  private applyFilter(): void {
    if (!this.full) {
      this.shown = [];
      return;
    }
    if (!this.query) {
      this.shown = this.full.nodes;
      const where = this.full.config ? `${this.full.config}` : "no .config yet: defaults";
      this.setMessage(`${this.full.arch ?? ""} ${where}`.trim());
    } else {
      const r = filterTree(this.full.nodes, this.query);
      this.shown = r.nodes;
      this.setMessage(`"${this.query}": ${r.count} match${r.count === 1 ? "" : "es"}`);
    }
  }

  private async load(): Promise<void> {
    const c = this.client();
    if (!c || c.state !== State.Running) {
      this.setMessage("kmake-lsp is not running.");
      this.shown = [];
      return;
    }
    const doc = vscode.window.activeTextEditor?.document;
    const params: MenuTreeParams = doc?.uri.scheme === "file" ? { textDocument: { uri: doc.uri.toString() } } : {};
    try {
      this.full = await c.sendRequest<MenuTreeResult>("kmake/menuTree", params);
      this.output.appendLine(`config tree: ${countNodes(this.full.nodes)} entries`);
    } catch (e) {
      this.full = undefined;
      const code = (e as { code?: number }).code;
      this.setMessage(
        code === METHOD_NOT_FOUND
          ? "This kmake-lsp has no config tree (kmake/menuTree) yet."
          : `config tree: ${e instanceof Error ? e.message : String(e)}`,
      );
    }
    this.applyFilter();
  }

  async getChildren(node?: MenuNode): Promise<MenuNode[]> {
    if (node) {
      return node.children ?? [];
    }
    if (!this.full) {
      this.loading ??= this.load();
      await this.loading;
    }
    return this.shown;
  }

  getTreeItem(n: MenuNode): vscode.TreeItem {
    const hasKids = (n.children?.length ?? 0) > 0;
    const state = !hasKids
      ? vscode.TreeItemCollapsibleState.None
      : this.query
        ? vscode.TreeItemCollapsibleState.Expanded
        : vscode.TreeItemCollapsibleState.Collapsed;
    const item = new vscode.TreeItem(nodeLabel(n), state);
    item.id = `${this.query}\u0000${n.id}`;
    item.description = nodeDescription(n);
    const editable = isEditable(n);
    item.contextValue = [editable ? "editable" : "", n.location ? "located" : ""].join(" ").trim();
    if (n.type === "bool" || n.type === "tristate") {
      // y: filled check, m: module, n: empty circle.
      const icon = n.value === "y" ? "pass-filled" : n.value === "m" ? "package" : "circle-large-outline";
      item.iconPath = new vscode.ThemeIcon(icon);
    } else if (n.type === "menu" || n.type === "choice") {
      item.iconPath = new vscode.ThemeIcon("list-tree");
    } else if (n.type === "comment") {
      item.iconPath = new vscode.ThemeIcon("comment");
    } else {
      item.iconPath = new vscode.ThemeIcon("symbol-variable");
    }
    item.tooltip = new vscode.MarkdownString(
      `${n.symbol ? `\`CONFIG_${n.symbol}\` ` : ""}**${n.type}** = \`${n.value}\`` +
        (n.visible ? "" : "  \n(not visible: dependencies not met)") +
        (n.allowed ? `  \nallowed: ${n.allowed.join(", ")}` : ""),
    );
    if (editable) {
      item.command = {
        command: n.type === "bool" || n.type === "tristate" ? "kmake.configTree.toggle" : "kmake.configTree.edit",
        title: "Change",
        arguments: [n],
      };
    }
    return item;
  }

  private async setConfig(symbol: string, value: string): Promise<void> {
    const c = this.client();
    if (!c || c.state !== State.Running) {
      return;
    }
    try {
      await c.sendRequest(ExecuteCommandRequest.type, { command: "kmake.setConfig", arguments: [symbol, value] });
    } catch (e) {
      void vscode.window.showErrorMessage(`kmake: CONFIG_${symbol}=${value}: ${e instanceof Error ? e.message : String(e)}`);
    }
    this.refresh();
  }

  registerCommands(reg: (id: string, f: (...a: any[]) => unknown) => void): void {
    reg("kmake.configTree.refresh", () => this.refresh());
    reg("kmake.configTree.search", async () => {
      const q = await vscode.window.showInputBox({
        prompt: "Search the config tree (prompt or symbol name)",
        value: this.query,
        placeHolder: "e.g. EXT4 or ext4 journal",
      });
      if (q === undefined) {
        return;
      }
      this.query = q.trim();
      void vscode.commands.executeCommand("setContext", "kmake.configTree.filtered", this.query !== "");
      this.applyFilter();
      this.changed.fire(undefined);
    });
    reg("kmake.configTree.clearSearch", () => {
      this.query = "";
      void vscode.commands.executeCommand("setContext", "kmake.configTree.filtered", false);
      this.applyFilter();
      this.changed.fire(undefined);
    });
    reg("kmake.configTree.toggle", async (n: MenuNode) => {
      const v = n && n.symbol ? nextToggleValue(n) : undefined;
      if (n?.symbol && v) {
        await this.setConfig(n.symbol, v);
      }
    });
    reg("kmake.configTree.edit", async (n: MenuNode) => {
      if (!n?.symbol) {
        return;
      }
      if (n.type === "bool" || n.type === "tristate") {
        const pick = await vscode.window.showQuickPick(n.allowed ?? (n.type === "bool" ? ["n", "y"] : ["n", "m", "y"]), {
          title: `CONFIG_${n.symbol}`,
        });
        if (pick) {
          await this.setConfig(n.symbol, pick);
        }
        return;
      }
      const v = await vscode.window.showInputBox({
        title: `CONFIG_${n.symbol} (${n.type})`,
        value: n.value,
        validateInput: (t) => validateValue(n.type, t),
      });
      if (v !== undefined && v !== n.value) {
        await this.setConfig(n.symbol, v);
      }
    });
    reg("kmake.configTree.goToDefinition", async (n: MenuNode) => {
      if (!n?.location) {
        return;
      }
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(n.location.uri));
      const pos = new vscode.Position(n.location.line, 0);
      await vscode.window.showTextDocument(doc, { selection: new vscode.Range(pos, pos) });
    });
  }
}
