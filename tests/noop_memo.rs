//! End-to-end tests of kmake's no-op memo on a small kbuild-like tree (a
//! `.config` in the object tree makes it one): a repeated build is replayed,
//! and any change a build could depend on makes it run again — a source
//! make stats, a script a recipe names, a file only a make started by a
//! recipe looks at, the environment, the command line.

use std::path::{Path, PathBuf};
use std::process::Command;

struct Tree {
    dir: tempfile::TempDir,
}

/// What one run printed, and whether it was replayed.
struct Run {
    status: i32,
    stdout: String,
    replayed: bool,
}

impl Tree {
    fn new() -> Tree {
        let dir = tempfile::tempdir().unwrap();
        let w = |p: &str, s: &str| {
            let path = dir.path().join(p);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, s).unwrap();
        };
        w(".config", "CONFIG_X=y\n");
        w("in.txt", "v1\n");
        w("show.sh", "echo shown-1\n");
        w(
            "sub/Makefile",
            "all: part.txt\npart.txt: part.in\n\tcp part.in part.txt\n",
        );
        w("sub/part.in", "p1\n");
        w(
            "Makefile",
            "all: out.txt always sub\n\
             out.txt: in.txt\n\tcp in.txt out.txt\n\techo built out.txt\n\
             always:\n\tsh show.sh\n\
             sub:\n\t@cd sub && $(MAKE) --no-print-directory\n\
             .PHONY: all always sub\n",
        );
        Tree { dir }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn kmake_env(&self, args: &[&str], extra: &[(&str, &str)]) -> Run {
        let home = self.path().join(".home");
        let mut c = Command::new(env!("CARGO_BIN_EXE_kmake"));
        c.args(args)
            .current_dir(self.path())
            .env_clear()
            .env("PATH", "/usr/bin:/bin")
            .env("HOME", &home)
            .env("KMAKE_STATS", "1")
            .env("KMAKE_TRACE_MEMO", "1");
        for (k, v) in extra {
            c.env(k, v);
        }
        let o = c.output().unwrap();
        let stderr = String::from_utf8_lossy(&o.stderr).into_owned();
        eprintln!("{stderr}");
        Run {
            status: o.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
            replayed: stderr.contains("no-op replayed"),
        }
    }

    fn kmake(&self, args: &[&str]) -> Run {
        self.kmake_env(args, &[])
    }

    /// Runs until a run is replayed; the runs before it are returned.
    fn settle(&self) -> Vec<Run> {
        let mut runs = Vec::new();
        for _ in 0..4 {
            let r = self.kmake(&[]);
            assert_eq!(r.status, 0, "{}", r.stdout);
            if r.replayed {
                return runs;
            }
            runs.push(r);
        }
        panic!("never replayed: {}", runs.last().unwrap().stdout);
    }

    /// Replaces a file (new inode and times, as an editor would).
    fn edit(&self, p: &str, s: &str) {
        let path: PathBuf = self.path().join(p);
        let tmp = path.with_extension("tmp-edit");
        std::fs::write(&tmp, s).unwrap();
        std::fs::rename(&tmp, &path).unwrap();
    }
}

#[test]
fn a_repeated_build_is_replayed_with_its_output() {
    let t = Tree::new();
    let first = t.kmake(&[]);
    assert!(first.stdout.contains("built out.txt"), "{}", first.stdout);
    let before = t.settle();
    // The first run built; the next one changed nothing and was stored.
    assert_eq!(before.len(), 1);
    let quiet = &before[0].stdout;
    assert!(
        quiet.contains("shown-1") && !quiet.contains("built"),
        "{quiet}"
    );
    let again = t.kmake(&[]);
    assert!(again.replayed);
    assert_eq!(&again.stdout, quiet);
}

#[test]
fn changes_are_never_replayed_over() {
    let t = Tree::new();
    t.settle();
    t.edit("in.txt", "v2\n");
    let r = t.kmake(&[]);
    assert!(
        !r.replayed && r.stdout.contains("built out.txt"),
        "{}",
        r.stdout
    );
    assert_eq!(
        std::fs::read_to_string(t.path().join("out.txt")).unwrap(),
        "v2\n"
    );

    t.settle();
    t.edit("show.sh", "echo shown-2\n");
    let r = t.kmake(&[]);
    assert!(!r.replayed && r.stdout.contains("shown-2"), "{}", r.stdout);

    t.settle();
    t.edit("sub/part.in", "p2\n");
    let r = t.kmake(&[]);
    assert!(!r.replayed, "a file only the recipe's make saw changed");
    assert_eq!(
        std::fs::read_to_string(t.path().join("sub/part.txt")).unwrap(),
        "p2\n"
    );

    t.settle();
    let r = t.kmake_env(&[], &[("SOMETHING", "new")]);
    assert!(!r.replayed, "another environment");
    let r = t.kmake(&["-j2"]);
    assert!(!r.replayed, "another command line");
    let r = t.kmake(&["-n"]);
    assert!(!r.replayed, "dry runs are never replayed");
    let r = t.kmake_env(&[], &[("KMAKE_NO_MEMO", "1")]);
    assert!(!r.replayed);
    std::fs::remove_dir_all(t.path().join(".kmake")).unwrap();
    let r = t.kmake(&[]);
    assert!(!r.replayed && r.status == 0, "deleting the memo is safe");
}

#[test]
fn a_dirty_git_tree_is_not_replayed_over() {
    let t = Tree::new();
    let git = |args: &[&str]| {
        Command::new("git")
            .args(args)
            .current_dir(t.path())
            .env("GIT_AUTHOR_NAME", "t")
            .env("GIT_AUTHOR_EMAIL", "t@t")
            .env("GIT_COMMITTER_NAME", "t")
            .env("GIT_COMMITTER_EMAIL", "t@t")
            .output()
            .map(|o| o.status.success())
            .unwrap_or(false)
    };
    if !git(&["init", "-q"]) {
        eprintln!("no git: skipped");
        return;
    }
    // What makes the tree a kernel tree whose version shows "-dirty".
    t.edit("README", "text\n");
    std::fs::create_dir_all(t.path().join("scripts")).unwrap();
    t.edit("scripts/setlocalversion", "echo\n");
    std::fs::create_dir_all(t.path().join("include/config")).unwrap();
    t.edit("include/config/auto.conf", "CONFIG_LOCALVERSION_AUTO=y\n");
    std::fs::write(t.path().join(".gitignore"), ".kmake\n.home\n").unwrap();
    assert!(git(&["add", "README", "scripts"]) && git(&["commit", "-qm", "x"]));
    t.settle();
    // An edit make never looks at, but the version string would show.
    std::fs::write(t.path().join("README"), "edited\n").unwrap();
    let r = t.kmake(&[]);
    assert!(!r.replayed, "{}", r.stdout);
    t.settle();
    assert!(git(&["commit", "-qam", "y"]));
    assert!(!t.kmake(&[]).replayed, "a commit moves HEAD");
}
