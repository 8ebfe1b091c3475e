// The VS Code side of kmake: starts kmake-lsp, marks kbuild files, and adds
// commands, the config tree view and a status bar item.

import * as fs from "fs";
import * as vscode from "vscode";
import {
  CancellationToken,
  ExecuteCommandRequest,
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  State,
  Trace,
  TransportKind,
} from "vscode-languageclient/node";
import { EffectiveCommand, formatEffectiveCommand } from "./effectiveCommand";
import { findKernelRoot, languageOf } from "./languages";
import { ConfigTreeProvider } from "./configTree";
import { resolveServerPath } from "./serverPath";
import { InitializationOptions, KmakeSettings, SERVER_SETTINGS, statusText, toInitializationOptions } from "./settings";

let client: LanguageClient | undefined;
let output: vscode.OutputChannel;
let status: vscode.StatusBarItem;
let building = 0;

function isExecutable(p: string): boolean {
  try {
    const st = fs.statSync(p);
    if (!st.isFile()) {
      return false;
    }
    fs.accessSync(p, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function exists(p: string): boolean {
  return fs.existsSync(p);
}

function readSettings(): KmakeSettings {
  const c = vscode.workspace.getConfiguration("kmake");
  const s: Record<string, unknown> = {};
  for (const k of SERVER_SETTINGS) {
    s[k] = c.get(k);
  }
  return s as KmakeSettings;
}

function options(): InitializationOptions {
  return toInitializationOptions(readSettings(), vscode.workspace.isTrusted);
}

function updateStatus(): void {
  const o = options();
  const state = building > 0 ? "$(sync~spin) building · " : "";
  status.text = `$(tools) ${state}${statusText(o)}`;
  const running = client?.state === State.Running;
  status.tooltip = new vscode.MarkdownString(
    `**kmake** — ${running ? "server running" : "server not running"}\n\n` +
      `ARCH: \`${o.arch || "(host)"}\`  \nO=: \`${o.outputDir || "(in-tree)"}\`  \n` +
      `active config: \`${o.outputDir ? o.outputDir + "/" : ""}.config\`  \n` +
      (o.llvm ? `LLVM=\`${o.llvm}\`  \n` : "") +
      (o.crossCompile ? `CROSS_COMPILE=\`${o.crossCompile}\`  \n` : "") +
      `build on save: ${o.buildOnSave}${vscode.workspace.isTrusted ? "" : "  \nuntrusted workspace: nothing runs"}`,
  );
  status.backgroundColor = running ? undefined : new vscode.ThemeColor("statusBarItem.warningBackground");
  status.show();
}

/** Kbuild Makefiles and config fragments inside a kernel tree get our languages. */
function classify(doc: vscode.TextDocument): void {
  if (doc.uri.scheme !== "file") {
    return;
  }
  const file = doc.uri.fsPath;
  const folder = vscode.workspace.getWorkspaceFolder(doc.uri)?.uri.fsPath;
  const lang = languageOf(file, findKernelRoot(file, exists, folder) !== undefined);
  if (lang && doc.languageId !== lang) {
    void vscode.languages.setTextDocumentLanguage(doc, lang);
  }
}

function kernelRoots(): string[] {
  const roots: string[] = [];
  for (const f of vscode.workspace.workspaceFolders ?? []) {
    const probe = vscode.Uri.joinPath(f.uri, "Makefile").fsPath;
    const r = findKernelRoot(probe, exists, f.uri.fsPath);
    if (r) {
      roots.push(r);
    }
  }
  return roots;
}

async function startClient(context: vscode.ExtensionContext): Promise<void> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  const found = resolveServerPath({
    env: process.env,
    setting: vscode.workspace.getConfiguration("kmake").get<string>("server.path") ?? "",
    extensionPath: context.extensionPath,
    platform: process.platform,
    isExecutable,
    workspaceFolder: folder,
  });
  if (found.kind === "missing") {
    output.appendLine(found.message);
    void vscode.window.showErrorMessage(found.message, "Open Settings").then((a) => {
      if (a) {
        void vscode.commands.executeCommand("workbench.action.openSettings", "kmake.server.path");
      }
    });
    updateStatus();
    return;
  }
  output.appendLine(`kmake-lsp: ${found.path} (from ${found.source})`);
  const serverOptions: ServerOptions = {
    command: found.path,
    transport: TransportKind.stdio,
    options: { env: { ...process.env, RUST_LOG: process.env.RUST_LOG ?? "info" } },
  };
  const selector: LanguageClientOptions["documentSelector"] = [
    { scheme: "file", language: "kconfig" },
    { scheme: "file", language: "kbuild" },
    { scheme: "file", language: "kconfig-config" },
  ];
  for (const root of kernelRoots()) {
    selector.push({ scheme: "file", language: "c", pattern: `${root}/**` });
    selector.push({ scheme: "file", language: "rust", pattern: `${root}/**` });
  }
  const clientOptions: LanguageClientOptions = {
    documentSelector: selector,
    initializationOptions: options(),
    outputChannel: output,
    traceOutputChannel: vscode.window.createOutputChannel("kmake trace"),
    synchronize: {
      fileEvents: [
        vscode.workspace.createFileSystemWatcher("**/{Kconfig,Kconfig.*,Makefile,Kbuild,.config,*_defconfig}"),
      ],
    },
  };
  client = new LanguageClient("kmake", "kmake", serverOptions, clientOptions);
  client.onDidChangeState(() => updateStatus());
  await client.start();
  const trace = vscode.workspace.getConfiguration("kmake").get<string>("trace.server") ?? "off";
  await client.setTrace(Trace.fromString(trace));
  updateStatus();
}

async function stopClient(): Promise<void> {
  const c = client;
  client = undefined;
  if (c) {
    await c.stop().catch(() => undefined);
  }
}

function requireClient(): LanguageClient | undefined {
  if (!client || client.state !== State.Running) {
    void vscode.window.showWarningMessage("kmake-lsp is not running (see the kmake output channel).");
    return undefined;
  }
  return client;
}

/** Runs a server command with a cancellable progress notification. */
async function serverCommand(title: string, command: string, args: unknown[] = []): Promise<unknown> {
  const c = requireClient();
  if (!c) {
    return undefined;
  }
  building += 1;
  updateStatus();
  try {
    return await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `kmake: ${title}`, cancellable: true },
      (_progress, token: CancellationToken) =>
        c.sendRequest(ExecuteCommandRequest.type, { command, arguments: args }, token),
    );
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    void vscode.window.showErrorMessage(`kmake: ${title} failed: ${msg}`);
    return undefined;
  } finally {
    building -= 1;
    updateStatus();
  }
}

function activeFileUri(): string | undefined {
  const doc = vscode.window.activeTextEditor?.document;
  if (!doc || doc.uri.scheme !== "file") {
    void vscode.window.showWarningMessage("kmake: open a file of the kernel tree first.");
    return undefined;
  }
  return doc.uri.toString();
}

async function showText(content: string, language: string): Promise<void> {
  const doc = await vscode.workspace.openTextDocument({ content, language });
  await vscode.window.showTextDocument(doc, { preview: true, viewColumn: vscode.ViewColumn.Beside });
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel("kmake");
  status = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Left, 10);
  status.command = "kmake.configTree.focus";
  context.subscriptions.push(output, status);
  void vscode.commands.executeCommand("setContext", "kmake.active", true);

  for (const doc of vscode.workspace.textDocuments) {
    classify(doc);
  }
  context.subscriptions.push(vscode.workspace.onDidOpenTextDocument(classify));

  const tree = new ConfigTreeProvider(() => client, output);
  const view = vscode.window.createTreeView("kmake.configTree", { treeDataProvider: tree, showCollapseAll: true });
  tree.attach(view);
  context.subscriptions.push(view);

  const reg = (id: string, f: (...a: any[]) => unknown) => context.subscriptions.push(vscode.commands.registerCommand(id, f));
  reg("kmake.build", () => serverCommand("build", "kmake.build"));
  reg("kmake.buildFile", () => {
    const uri = activeFileUri();
    return uri && serverCommand("build current file", "kmake.buildFile", [uri]);
  });
  reg("kmake.compileCommands", async () => {
    const r = await serverCommand("compile_commands.json", "kmake.compileCommands");
    if (r !== undefined) {
      void vscode.window.showInformationMessage(`kmake: ${typeof r === "string" ? r : "compile_commands.json written"}`);
    }
  });
  reg("kmake.rustProject", async () => {
    const r = await serverCommand("rust-project.json", "kmake.rustProject");
    if (r !== undefined) {
      void vscode.window.showInformationMessage(`kmake: ${typeof r === "string" ? r : "rust-project.json written"}`);
    }
  });
  reg("kmake.showEffectiveCommand", async () => {
    const uri = activeFileUri();
    const c = uri && requireClient();
    if (!uri || !c) {
      return;
    }
    const r = await c.sendRequest<EffectiveCommand>("kmake/effectiveCommand", { textDocument: { uri } });
    await showText(formatEffectiveCommand(vscode.Uri.parse(uri).fsPath, r), "shellscript");
  });
  reg("kmake.explainSymbol", async () => {
    const ed = vscode.window.activeTextEditor;
    const c = ed && requireClient();
    if (!ed || !c) {
      return;
    }
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      "vscode.executeHoverProvider",
      ed.document.uri,
      ed.selection.active,
    );
    const parts = (hovers ?? []).flatMap((h) =>
      h.contents.map((m) => (typeof m === "string" ? m : "value" in m ? m.value : "")),
    );
    if (parts.length === 0) {
      void vscode.window.showInformationMessage("kmake: no symbol at the cursor.");
      return;
    }
    await showText(parts.join("\n\n---\n\n"), "markdown");
  });
  reg("kmake.restartServer", async () => {
    await stopClient();
    await startClient(context);
    tree.refresh();
  });
  tree.registerCommands(reg);

  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      if (e.affectsConfiguration("kmake.server.path")) {
        await vscode.commands.executeCommand("kmake.restartServer");
        return;
      }
      if (e.affectsConfiguration("kmake.trace.server") && client) {
        await client.setTrace(Trace.fromString(vscode.workspace.getConfiguration("kmake").get<string>("trace.server") ?? "off"));
      }
      if (SERVER_SETTINGS.some((k) => e.affectsConfiguration(`kmake.${k}`)) && client?.state === State.Running) {
        await client.sendNotification("workspace/didChangeConfiguration", { settings: { kmake: options() } });
        tree.refresh();
      }
      updateStatus();
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => vscode.commands.executeCommand("kmake.restartServer")),
    vscode.workspace.onDidSaveTextDocument((d) => {
      if (d.languageId === "kconfig-config" || d.languageId === "kconfig") {
        tree.refresh();
      }
    }),
  );

  updateStatus();
  await startClient(context);
}

export async function deactivate(): Promise<void> {
  await stopClient();
}
