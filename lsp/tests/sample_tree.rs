//! In-process language-server tests on a copy of the repository's sample
//! kbuild tree (ARCH=x86_64, `.config` = its x86_64_defconfig).

mod common;

use common::{hover_text, sample_tree, TestServer};
use expect_test::expect;
use serde_json::json;

fn options() -> serde_json::Value {
    json!({"arch": "x86_64", "trusted": false})
}

#[tokio::test]
async fn definition_from_makefile_kconfig_config_and_source() {
    let tree = sample_tree();
    let mut s = TestServer::start(tree.path(), options(), false).await;
    // obj-$(CONFIG_SAMPLE_NET) += samplenet.o
    assert_eq!(
        s.definition("drivers/net/Makefile", 4, 8).await,
        [("drivers/net/Kconfig".to_string(), 12, 7, 17)]
    );
    // `select CRC_SAMPLE` in drivers/net/Kconfig.
    assert_eq!(
        s.definition("drivers/net/Kconfig", 24, 10).await,
        [("lib/Kconfig".to_string(), 12, 7, 17)]
    );
    // `CONFIG_DUMMY=m` in a defconfig.
    assert_eq!(
        s.definition("arch/x86/configs/x86_64_defconfig", 8, 3)
            .await,
        [("drivers/net/Kconfig".to_string(), 22, 7, 12)]
    );
    // `# CONFIG_BASE_FULL is not set` in a fragment.
    assert_eq!(
        s.definition("kernel/configs/tiny.config", 2, 10).await,
        [("init/Kconfig".to_string(), 101, 7, 16)]
    );
    // `source "drivers/Kconfig"`, and a source through $(SRCARCH).
    assert_eq!(
        s.definition("Kconfig", 15, 12).await,
        [("drivers/Kconfig".to_string(), 0, 0, 0)]
    );
    assert_eq!(
        s.definition("Kconfig", 9, 3).await,
        [("arch/x86/Kconfig".to_string(), 0, 0, 0)]
    );
    // Not a symbol: `obj`, `+=`, an unknown CONFIG_.
    assert!(s.definition("drivers/net/Makefile", 4, 1).await.is_empty());
    assert!(s.definition("drivers/net/Makefile", 4, 26).await.is_empty());
    s.open("drivers/net/x.c", "c", "#ifdef CONFIG_NOT_A_SYMBOL\n")
        .await;
    assert!(s.definition("drivers/net/x.c", 0, 10).await.is_empty());
}

#[tokio::test]
async fn definition_from_c_with_utf16_and_utf8_columns() {
    let tree = sample_tree();
    // "/* é𝄞 */ " is 10 UTF-16 units and 13 bytes; IS_ENABLED( follows.
    let text =
        "int x;\n/* é𝄞 */ if (IS_ENABLED(CONFIG_DUMMY)) {}\n#ifdef CONFIG_SAMPLE_NET_MODULE\n";
    let want = [("drivers/net/Kconfig".to_string(), 22, 7, 12)];
    let mut s = TestServer::start(tree.path(), options(), false).await;
    assert_eq!(s.init_result["capabilities"]["positionEncoding"], "utf-16");
    s.open("drivers/net/new.c", "c", text).await;
    let col16 = "/* é𝄞 */ if (IS_ENABLED(".encode_utf16().count() as u32;
    assert_eq!(s.definition("drivers/net/new.c", 1, col16 + 3).await, want);
    // The hover range is in UTF-16 too.
    let h = s.hover("drivers/net/new.c", 1, col16 + 3).await;
    assert_eq!(h["range"]["start"]["character"], col16);
    assert_eq!(h["range"]["end"]["character"], col16 + 12);
    // CONFIG_FOO_MODULE (autoconf.h's name for =m) means FOO.
    assert_eq!(
        s.definition("drivers/net/new.c", 2, 12).await,
        [("drivers/net/Kconfig".to_string(), 12, 7, 17)]
    );

    let mut s = TestServer::start(tree.path(), options(), true).await;
    assert_eq!(s.init_result["capabilities"]["positionEncoding"], "utf-8");
    s.open("drivers/net/new.c", "c", text).await;
    let col8 = "/* é𝄞 */ if (IS_ENABLED(".len() as u32;
    assert_eq!(s.definition("drivers/net/new.c", 1, col8 + 3).await, want);
}

#[tokio::test]
async fn hover_shows_type_prompt_deps_value_why_and_help() {
    let tree = sample_tree();
    let mut s = TestServer::start(tree.path(), options(), false).await;
    let h = s.hover("drivers/net/Makefile", 4, 8).await;
    assert_eq!(h["range"]["start"], json!({"line": 4, "character": 6}));
    expect![[r#"
        **CONFIG_SAMPLE_NET** · `tristate`

        "Sample network driver"

        Defined at `drivers/net/Kconfig:13`, depends on `NETDEVICES`

        Implies:
        - `SAMPLE_NET_STATS` at `drivers/net/Kconfig:15`

        **Value:** `SAMPLE_NET` = `m` because it is set at .config:8.

        ---

        A network driver built from several source files.
    "#]]
    .assert_eq(&hover_text(&h));
    // A selected symbol, hovered in Kconfig: who selects it and the value's reason.
    let h = hover_text(&s.hover("drivers/net/Kconfig", 24, 10).await);
    assert!(
        h.contains("Selected by:\n- `DUMMY && NETDEVICES` at `drivers/net/Kconfig:25`"),
        "{h}"
    );
    assert!(h.contains("**Value:** `CRC_SAMPLE` = `y`"), "{h}");
    // `obj` of `obj-$(CONFIG_SAMPLE_NET)`: the kbuild list's meaning.
    let h = hover_text(&s.hover("drivers/net/Makefile", 4, 1).await);
    assert!(h.contains("obj-"), "{h}");
    // Nothing to say about `+=`.
    assert!(s.hover("drivers/net/Makefile", 4, 26).await.is_null());
}

#[tokio::test]
async fn references_across_kconfig_makefiles_and_configs() {
    let tree = sample_tree();
    let mut s = TestServer::start(tree.path(), options(), false).await;
    // From `obj-$(CONFIG_CRC_SAMPLE) += crc_sample.o` in lib/Makefile.
    let refs = s.references("lib/Makefile", 6, 10, true).await;
    let expected = [
        (".config", 9, 0, 17),
        ("arch/x86/configs/x86_64_defconfig", 9, 0, 17),
        ("drivers/net/Kconfig", 24, 8, 18),
        ("lib/Kconfig", 12, 7, 17),
        ("lib/Kconfig", 19, 12, 22),
        ("lib/Kconfig.debug", 43, 8, 18),
        ("lib/Makefile", 6, 6, 23),
    ];
    let got: Vec<_> = refs
        .iter()
        .map(|(p, l, a, b)| (p.as_str(), *l, *a, *b))
        .collect();
    assert_eq!(got, expected);
    // Without the declaration; and an unsaved edit in an open file counts.
    assert_eq!(s.references("lib/Makefile", 6, 10, false).await.len(), 6);
    s.open(
        "lib/extra.c",
        "c",
        "#if IS_ENABLED(CONFIG_CRC_SAMPLE)\n#endif\n",
    )
    .await;
    assert_eq!(s.references("lib/Kconfig", 12, 8, true).await.len(), 8);
}

#[tokio::test]
async fn progress_is_reported_for_the_load() {
    let tree = sample_tree();
    let mut s = TestServer::start(tree.path(), options(), false).await;
    // References wait for the text index, whose progress ends after it.
    let _ = s.references("lib/Makefile", 6, 10, true).await;
    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    let sent = s.sent.lock().unwrap().clone();
    let kinds: Vec<String> = sent
        .iter()
        .filter(|(m, _)| m == "$/progress")
        .map(|(_, p)| {
            format!(
                "{} {}",
                p["token"].as_str().unwrap(),
                p["value"]["kind"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(
        kinds,
        [
            "kmake/load/1 begin",
            "kmake/load/1 end",
            "kmake/index/1 begin",
            "kmake/index/1 end"
        ]
    );
    let creates = sent
        .iter()
        .filter(|(m, _)| m == "window/workDoneProgress/create")
        .count();
    assert_eq!(creates, 2);
    let end = &sent
        .iter()
        .find(|(m, p)| m == "$/progress" && p["value"]["kind"] == "end")
        .unwrap()
        .1;
    let msg = end["value"]["message"].as_str().unwrap();
    assert!(msg.starts_with("ARCH=x86_64 ("), "{msg}");
    assert!(msg.contains("values from .config"), "{msg}");
    assert!(msg.contains("untrusted"), "{msg}");
}

/// A handler that panics, registered next to the real ones.
async fn panicking(b: &kmake_lsp::server::Backend) -> tower_lsp::jsonrpc::Result<()> {
    b.guarded("test/panic", async { panic!("boom") }).await
}

#[tokio::test]
async fn a_panicking_handler_answers_an_error_and_the_server_lives() {
    let tree = sample_tree();
    let (service, socket) = tower_lsp::LspService::build(kmake_lsp::server::Backend::new)
        .custom_method("test/panic", panicking)
        .finish();
    let mut s = TestServer::start_with(service, socket, tree.path(), options(), false).await;
    let err = s.request("test/panic", json!(null)).await.unwrap_err();
    assert!(err.contains("internal error in test/panic: boom"), "{err}");
    // Still serving.
    let again = s.request("test/panic", json!(null)).await.unwrap_err();
    assert!(again.contains("boom"));
    assert!(s.request("shutdown", json!(null)).await.is_ok());
}

#[tokio::test]
async fn bad_input_is_answered_without_panicking() {
    let tree = sample_tree();
    let mut s = TestServer::start(tree.path(), options(), false).await;
    // Far past the end of a file, an unknown file, a non-file URI.
    assert!(s
        .definition("drivers/net/Makefile", 9999, 9999)
        .await
        .is_empty());
    assert!(s.hover("no/such/file.c", 0, 0).await.is_null());
    let p = json!({"textDocument": {"uri": "untitled:Untitled-1"}, "position": {"line": 0, "character": 0}});
    assert!(s.request("textDocument/hover", p).await.unwrap().is_null());
    // An edit for a document never opened is ignored.
    s.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": common::uri(&s.path("x.c")), "version": 2},
               "contentChanges": [{"range": {"start": {"line": 5, "character": 0}, "end": {"line": 1, "character": 0}}, "text": "x"}]}),
    )
    .await;
    assert!(s.request("shutdown", json!(null)).await.is_ok());
}

#[tokio::test]
async fn untrusted_workspace_runs_no_shell_and_trusted_one_does() {
    let tree = sample_tree();
    let marker = tree.path().join("shell-ran");
    let kconfig = tree.path().join("init/Kconfig");
    let mut text = std::fs::read_to_string(&kconfig).unwrap();
    text.push_str(&format!("\nprobe := $(shell,touch {})\n", marker.display()));
    std::fs::write(&kconfig, text).unwrap();

    let mut s = TestServer::start(tree.path(), options(), false).await;
    assert!(!marker.exists(), "an untrusted workspace ran $(shell)");
    // The tree is loaded all the same (the probes answer as if they failed).
    assert_eq!(s.definition("drivers/net/Makefile", 4, 8).await.len(), 1);

    let trusted = json!({"arch": "x86_64", "trusted": true});
    let mut s = TestServer::start(tree.path(), trusted, false).await;
    assert!(marker.exists(), "a trusted workspace should run $(shell)");
    assert_eq!(s.definition("drivers/net/Makefile", 4, 8).await.len(), 1);
}

#[tokio::test]
async fn incremental_edits_are_seen_by_queries() {
    let tree = sample_tree();
    let mut s = TestServer::start(tree.path(), options(), false).await;
    s.open("drivers/net/new.c", "c", "#ifdef CONFIG_XX\n").await;
    assert!(s.definition("drivers/net/new.c", 0, 10).await.is_empty());
    // Replace "XX" by "DUMMY".
    s.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": common::uri(&s.path("drivers/net/new.c")), "version": 2},
               "contentChanges": [{"range": {"start": {"line": 0, "character": 14}, "end": {"line": 0, "character": 16}}, "text": "DUMMY"}]}),
    )
    .await;
    assert_eq!(
        s.definition("drivers/net/new.c", 0, 10).await,
        [("drivers/net/Kconfig".to_string(), 22, 7, 12)]
    );
}
