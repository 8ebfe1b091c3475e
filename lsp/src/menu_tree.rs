//! `kmake/menuTree`: the Kconfig menu tree with current values, as the config
//! tree view of an editor shows it (the shape is documented in
//! `vscode-extension/README.md`). Prompt-less `if` blocks are flattened into
//! their parent; entries without a visible prompt only with `includeInvisible`.

use kmake::kconfig::menu::MenuKind;
use kmake::kconfig::query::MenuNode;
use kmake::kconfig::{Kconfig, SymbolType, Tristate};
use serde_json::{json, Value};

use crate::kconfig_index::KconfigIndex;

fn tri(t: Tristate) -> &'static str {
    match t {
        Tristate::No => "n",
        Tristate::Mod => "m",
        Tristate::Yes => "y",
    }
}

fn type_name(t: SymbolType) -> &'static str {
    match t {
        SymbolType::Bool => "bool",
        SymbolType::Tristate => "tristate",
        SymbolType::Int => "int",
        SymbolType::Hex => "hex",
        SymbolType::String => "string",
        SymbolType::Unknown => "unknown",
    }
}

struct Walk<'a> {
    index: &'a KconfigIndex,
    include_invisible: bool,
}

impl Walk<'_> {
    fn children(&self, k: &mut Kconfig, nodes: &[MenuNode], id: &str) -> Vec<Value> {
        let mut out = Vec::new();
        for n in nodes {
            if n.kind == MenuKind::If && n.prompt.is_none() {
                // An `if` block: its entries belong to the parent.
                let inner = self.children(k, &n.children, id);
                for mut v in inner {
                    v["id"] = json!(format!("{id}.{}", out.len()));
                    out.push(v);
                }
                continue;
            }
            let child_id = format!("{id}.{}", out.len());
            if let Some(v) = self.node(k, n, &child_id) {
                out.push(v);
            }
        }
        out
    }

    fn node(&self, k: &mut Kconfig, n: &MenuNode, id: &str) -> Option<Value> {
        let visible = k.menu_is_visible(n.menu);
        let has_prompt = n.prompt.is_some();
        if !self.include_invisible && !visible {
            return None;
        }
        let children = self.children(k, &n.children, id);
        if !has_prompt && children.is_empty() && !self.include_invisible {
            return None;
        }
        let (ty, value, allowed, symbol) = match (n.kind, n.symbol) {
            (MenuKind::Menu, _) => ("menu", String::new(), None, None),
            (MenuKind::Comment, _) => ("comment", String::new(), None, None),
            (MenuKind::Choice, _) => {
                let chosen = k
                    .calc_choice(n.menu)
                    .and_then(|s| k.sym(s).name.as_deref().map(str::to_string))
                    .unwrap_or_default();
                let name = n.symbol.and_then(|s| k.sym(s).name.clone());
                ("choice", chosen, None, name)
            }
            (_, Some(s)) => {
                k.calc_value(s);
                let t = k.sym_get_type(s);
                let name = k.sym(s).name.clone();
                match t {
                    SymbolType::Bool | SymbolType::Tristate => {
                        let allowed: Vec<&str> = [Tristate::No, Tristate::Mod, Tristate::Yes]
                            .into_iter()
                            .filter(|&v| !(t == SymbolType::Bool && v == Tristate::Mod))
                            .filter(|&v| k.is_changeable(s) && k.tristate_within_range(s, v))
                            .map(tri)
                            .collect();
                        (
                            type_name(t),
                            tri(k.tristate_value(s)).to_string(),
                            Some(allowed),
                            name,
                        )
                    }
                    _ => (type_name(t), k.string_value(s).to_string(), None, name),
                }
            }
            (_, None) => ("menu", String::new(), None, None),
        };
        let mut v = json!({
            "id": id,
            "prompt": n.prompt.clone().unwrap_or_default(),
            "type": ty,
            "value": value,
            "visible": visible,
        });
        if let Some(s) = symbol {
            v["symbol"] = json!(&*s);
        }
        if let Some(a) = allowed {
            v["allowed"] = json!(a);
        }
        if let Some(f) = n.loc.file {
            if let Ok(uri) = tower_lsp::lsp_types::Url::from_file_path(self.index.path_of(f)) {
                v["location"] = json!({"uri": uri, "line": n.loc.line.saturating_sub(1)});
            }
        }
        if !children.is_empty() {
            v["children"] = json!(children);
        }
        Some(v)
    }
}

/// The menu tree of the loaded configuration.
pub fn menu_tree(index: &KconfigIndex, include_invisible: bool) -> Value {
    let walk = Walk {
        index,
        include_invisible,
    };
    let nodes = index.with_engine(|k| {
        let root = k.menu_tree(kmake::kconfig::menu::MenuId::ROOT);
        kmake::kconfig::with_big_stack(|| walk.children(k, &root.children, "0"))
    });
    let mut out = json!({ "arch": index.stats.arch, "nodes": nodes });
    if let Some(c) = &index.stats.config {
        out["config"] = json!(c);
    }
    out
}
